import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunView } from '../../src/session/write-run-reports.js';
import { crashDrillAfter } from '../support/in-process-drill.js';
import { makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';

const drill = (stateDir: string, args: string[] = []) =>
  runCli(['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir, ...args]);

function onlyRunDir(stateDir: string): string {
  const runId = readRunEvents(stateDir).find((e) => e.type === 'run-started')!.runId as string;
  return join(stateDir, 'runs', runId);
}

describe('reports of real drills', () => {
  // One state dir with an aborted drill and a resumed one, shared by the history test.
  const stateDir = makeTempDir('sso-drill-reports-');

  it('reports an aborted drill: where it stopped, what was not reached, the failed grade and the fault', () => {
    const aborted = makeTempDir('sso-aborted-');
    expect(drill(aborted, ['--fault', 'foreign-backup']).status).toBe(1);
    const result = runCli(['report', '--state-dir', aborted]);
    expect(result.status).toBe(0);
    const md = result.stdout;
    expect(md).toContain(
      '| Outcome | aborted at step 17 restore-master-secret; nothing after it ran — 16 of 30 steps done',
    );
    // The resume command as it works from here: `report` ran as `node <path>/dist/cli.js`.
    expect(md).toMatch(/\| Continue with \| `node \S+cli\.js resume \S+ --state-dir \S+` \|/);
    expect(md).toMatch(/Restore the master secret on BTS01 — aborted here/);
    expect(md).toContain('HRESULT: 0xC0002A3F');
    expect(md).toContain('Decision after the failed action: **abort**');
    expect(md).toMatch(/## Not reached\n\n- `start-dependents-on-new-mss` Start the BizTalk services on/);
    expect(md).toContain('**NOT PASSED** · faults injected: `foreign-backup`, `mss-lost`');
    expect(md).toMatch(/\| ✗ \| `fresh-backup` \|/);
  });

  it('reports a drill resumed after a crash mid-restore: the interruption, the in-doubt step and its settlement', async () => {
    const crashed = await crashDrillAfter('action-started:restore-master-secret', { stateDir });
    expect(crashed.crashed).toBe(true);
    expect(runCli(['resume', '--autopilot', '--state-dir', stateDir]).status).toBe(0);
    const view = loadRunView(onlyRunDir(stateDir))!;
    expect(view.outcome).toBe('succeeded');
    expect(view.sessions.map((s) => s.kind)).toEqual(['started', 'resumed']);
    expect(view.interruptions).toHaveLength(1);
    const restore = view.steps.find((s) => s.id === 'restore-master-secret')!;
    expect(restore.status).toBe('done');
    expect(restore.inDoubt).toBe(true);
    expect(restore.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['interrupted', 'in-doubt', 'decision']),
    );
    const md = runCli(['report', '--state-dir', stateDir]).stdout;
    expect(md).toContain('## Sessions');
    expect(md).toMatch(
      /The session ended here at .* while `.*RestoreSecret\(.*` was running: it may have half-run/,
    );
    expect(md).toMatch(/Decision on the step left in doubt: \*\*(accept|rerun)\*\*/);
    expect(md).toContain('**PASSED**');
    // Every step the drill ran is reported once, in the order it started.
    const started = [
      ...new Set(readRunEvents(stateDir).flatMap((e) => (e.type === 'step-started' ? [e.stepId] : []))),
    ];
    expect(view.steps.filter((s) => s.status !== 'not-applicable').map((s) => s.id)).toEqual(started);
  });

  it('lists past drills with faults, verdict, elapsed time and the slowest step, and draws the trend', () => {
    expect(drill(stateDir, ['--fault', 'wrong-password']).status).toBe(0);
    const json = JSON.parse(runCli(['drills', '--state-dir', stateDir, '--json']).stdout) as {
      faults: string[];
      passed: boolean;
      elapsedMs: number;
      slowestStep?: { id: string };
    }[];
    expect(json).toHaveLength(2);
    expect(json[0]!.faults).toContain('wrong-password');
    expect(json.every((d) => d.passed && d.elapsedMs > 0 && d.slowestStep)).toBe(true);
    const html = join(stateDir, 'drills.html');
    const table = runCli(['drills', '--state-dir', stateDir, '--html', html]);
    expect(table.stdout).toContain('Autopilot drills (CI, demos: they time the tool, not people)');
    expect(table.stdout).toMatch(
      /DATE \(UTC\)\s+RUNBOOK\s+FAULTS\s+PASSED\s+ELAPSED\s+ON REAL SERVERS\s+SKIPPED\s+SLOWEST STEP/,
    );
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('designate-new-master-secret-server — autopilot drills');
    expect(page.match(/<circle class="point passed"/g)).toHaveLength(2);
    expect(page).toContain('RTO budget 30m00s');
  });
});
