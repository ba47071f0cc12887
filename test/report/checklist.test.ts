import { describe, expect, it } from 'vitest';
import { buildRunView } from '../../src/report/build-run-view.js';
import { renderMarkdownReport } from '../../src/report/render-markdown.js';
import { runCli } from '../support/run-cli.js';
import type { EngineEvent } from '../../src/engine/events.js';

describe('printable checklist (Markdown)', () => {
  it('gives each step its id, host, exact commands, expectations, rollback and boxes; unknown inputs are blanks', () => {
    const result = runCli([
      'export',
      'designate-new-master-secret-server',
      '--env',
      'runbooks/environments/example.yaml',
      '--format',
      'md',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md).toContain('# Designate a new master secret server (the MSS is lost) — paper checklist');
    expect(md).toMatch(/### ☐ \d+\. Restore the master secret on \[newMss: _+\]/);
    // On paper the operator sits at the console: ssoconfig's own prompt, never the script that reads a plain line.
    expect(md).not.toContain('[Console]::In.ReadLine()');
    const restore = md.slice(md.search(/### ☐ \d+\. Restore the master secret on/));
    expect(restore).toMatch(
      /\*\*Do\*\* at the console of \[newMss: _+\] \(confirm: no \(default\)\):\n\n```text\n"C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig\.exe" -restoreSecret \[restoreFile: _+\]\n```/,
    );
    expect(restore).toContain(
      "At the console, type the password at the tool's own prompt, which does not show it.",
    );
    expect(md).toMatch(
      /"C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig\.exe" -backupSecret /,
    );
    expect(md).toContain('→ expect service ENTSSO running');
    expect(md).toMatch(/\*\*Rollback\*\* on /);
    expect(md).toContain(
      'backupPassword (secret): Password of the master secret backup → typed at the prompt',
    );
    expect(md.match(/Done at: ________ Initials: ______/g)!.length).toBeGreaterThan(20);
    expect(md).toMatch(/## Assess[\s\S]*## Prerequisites[\s\S]*## Promote/);
  });

  it('refuses an unknown format with advice', () => {
    const result = runCli(['export', 'designate-new-master-secret-server', '--format', 'pdf']);
    expect(result.status).toBe(2);
    expect(result.stderr + result.stdout).toContain('--format is md or html');
  });
});

describe('run view', () => {
  it('times operator waits from prompt-opened events and ignores event types it does not know', () => {
    const at = (s: number) => new Date(Date.parse('2026-11-27T10:00:00Z') + s * 1000).toISOString();
    const events = [
      {
        type: 'run-started',
        runId: 'r',
        runbook: { id: 'rb', title: 'T', file: 'f', sha256: 's', stepIds: ['a'] },
        environment: 'e',
        drill: false,
        operator: 'o',
        rtoMs: 60_000,
        clockMs: 0,
        at: at(0),
      },
      { type: 'step-started', stepId: 'a', title: 'A', index: 1, total: 1, at: at(1) },
      { type: 'prompt-opened', stepId: 'a', prompt: 'confirm', text: 'Run this?', at: at(10) },
      { type: 'something-new', at: at(11) },
      { type: 'confirmation-given', stepId: 'a', by: 'o', at: at(40) },
      { type: 'step-finished', stepId: 'a', durationMs: 39_000, at: at(40) },
      { type: 'run-finished', outcome: 'succeeded', elapsedMs: 40_000, at: at(41) },
    ] as unknown as EngineEvent[];
    const view = buildRunView(events)!;
    expect(view.steps[0]!.waits).toEqual([{ fromMs: Date.parse(at(10)), toMs: Date.parse(at(40)) }]);
    expect(renderMarkdownReport(view)).toContain('waited for the operator 30.0 s');
  });
});
