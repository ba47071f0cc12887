// Goldens end in .golden, not .md: Biome formats Markdown files, and a golden must stay byte-for-byte what the report writes.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunView, writeRunReports } from '../../src/session/write-run-reports.js';
import { renderMarkdownReport } from '../../src/report/render-markdown.js';
import { runCli } from '../support/run-cli.js';
import { PASSWORD, RUN_ID, writeCraftedRun } from './crafted-run.js';

describe('run report (Markdown)', () => {
  it('matches the golden report of a crafted run with a retry, a rollback, a skip and an abort', async () => {
    const { runDir } = writeCraftedRun();
    const markdown = renderMarkdownReport(loadRunView(runDir)!);
    await expect(markdown).toMatchFileSnapshot('golden/crafted-run.md.golden');
  });

  it('matches the golden report of a run resumed after a crash, with a step done on paper', async () => {
    const { runDir } = writeCraftedRun([
      [
        430,
        {
          type: 'run-resumed',
          runId: RUN_ID,
          operator: 'bob@JUMP02',
          completed: ['check-server', 'restore-secret', 'restart-service', 'verify'],
          resumeAt: 'backup',
          inDoubt: 'backup',
        },
      ],
      [
        431,
        {
          type: 'steps-marked-done',
          stepIds: ['backup'],
          by: 'bob@JUMP02',
          note: 'backup taken by hand from the paper checklist',
        },
      ],
      [432, { type: 'run-finished', outcome: 'succeeded', elapsedMs: 432_000 }],
    ]);
    const markdown = renderMarkdownReport(loadRunView(runDir)!);
    await expect(markdown).toMatchFileSnapshot('golden/resumed-run.md.golden');
    expect(markdown).toContain('Resumed 2026-11-27 10:07:10 UTC by bob@JUMP02');
    expect(markdown).toContain('Done on paper, entered by bob@JUMP02');
  });

  it('never shows the redacted password, and says a secret was entered', () => {
    const { runDir } = writeCraftedRun();
    const markdown = renderMarkdownReport(loadRunView(runDir)!);
    expect(markdown).not.toContain(PASSWORD);
    expect(markdown).toContain('Password : ********');
    expect(markdown).toContain('Secret `backupPassword` entered');
  });

  it('writes report.md and report.html into the run folder, readable by its owner only', () => {
    const { runDir } = writeCraftedRun();
    writeRunReports(runDir);
    for (const name of ['report.md', 'report.html']) {
      const file = join(runDir, name);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);
    }
  });

  it('`report` picks the latest run by default and refuses an unknown format', () => {
    const { stateDir } = writeCraftedRun();
    const md = runCli(['report', '--state-dir', stateDir]);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# Run report: Crafted failover');
    const bad = runCli(['report', '--state-dir', stateDir, '--format', 'pdf']);
    expect(bad.status).toBe(2);
    expect(bad.stderr + bad.stdout).toContain('--format is md or html');
  });
});
