import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashRunAfter } from '../support/in-process-drill.js';
import { makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';

const RUNBOOK = `id: outcome-demo
title: Outcome demo
summary: three local steps; the first fails and is skipped
sources: [test]
rto: 5m
steps:
  - id: flaky
    title: Flaky step
    pre:
      - run: ['false']
        label: the precondition holds
  - id: second
    title: Second step
    pre: [{ run: ['true'] }]
  - id: third
    title: Third step
    pre: [{ run: ['true'] }]
`;

const ANSWERS = `steps:
  flaky: { onFailure: [skip], skipReason: not needed on this host }
  # the killed run left its lock behind
  take-over-stale-lock: { confirm: yes }
`;

/** Run the runbook from an answers file, killed (in-process) as step `second` starts; then resume it. */
async function crashThenResume() {
  const dir = makeTempDir('sso-outcome-');
  const runbook = join(dir, 'outcome-demo.yaml');
  const answers = join(dir, 'answers.yaml');
  writeFileSync(runbook, RUNBOOK);
  writeFileSync(answers, ANSWERS);
  const stateDir = join(dir, 'state');
  const crashed = await crashRunAfter('step-started:second', runbook, { answers, stateDir });
  const resumed = runCli(['resume', '--answers', answers, '--state-dir', stateDir]);
  return { crashed, resumed, stateDir };
}

describe('one outcome for the terminal, the report and runs', () => {
  it('after a resume, the last line, the report and `runs --json` all count the skip made before the crash', async () => {
    const { crashed, resumed, stateDir } = await crashThenResume();
    expect(crashed.crashed).toBe(true);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    // The run's last line (the report paths follow it).
    const last = resumed.stdout.split('\n').findLast((line) => line.includes('Run '))!;
    expect(last).not.toContain('every step done');
    expect(last).toContain('succeeded with 1 step(s) skipped');
    // Counted per runbook step, numbered as the screen numbers them.
    expect(last).toContain('2 of 3 steps done, 1 skipped (step 1 flaky: not needed on this host)');
    // The resume banner counts done and skipped steps apart.
    expect(resumed.stdout).toContain(
      '0 of 3 steps done, 1 skipped (step 1 flaky: not needed on this host) so far',
    );
    const runId = readRunEvents(stateDir).find((e) => e.type === 'run-started')!.runId as string;
    const report = readFileSync(join(stateDir, 'runs', runId, 'report.md'), 'utf8');
    expect(report).toContain(
      '| Outcome | succeeded with 1 step(s) skipped — 2 of 3 steps done, 1 skipped (step 1 flaky: not needed on this host) |',
    );
    const runs = JSON.parse(runCli(['runs', '--json', '--state-dir', stateDir]).stdout) as {
      computed: { outcome: string; counts: Record<string, number> };
    }[];
    expect(runs[0]!.computed.outcome).toBe('succeeded');
    expect(runs[0]!.computed.counts).toMatchObject({ done: 2, skipped: 1, failed: 0 });
  });

  it('refuses to resume a run whose runbook changed, in one line, before saying it is resuming', async () => {
    const dir = makeTempDir('sso-changed-');
    const runbook = join(dir, 'outcome-demo.yaml');
    const answers = join(dir, 'answers.yaml');
    writeFileSync(runbook, RUNBOOK);
    writeFileSync(answers, ANSWERS);
    const stateDir = join(dir, 'state');
    expect((await crashRunAfter('step-started:second', runbook, { answers, stateDir })).crashed).toBe(true);
    writeFileSync(runbook, RUNBOOK.replace('title: Third step', 'title: Third step, changed'));
    const before = readFileSync(
      join(stateDir, 'runs', readdirSync(join(stateDir, 'runs'))[0]!, 'journal.ndjson'),
    );
    const resumed = runCli(['resume', '--answers', answers, '--state-dir', stateDir]);
    expect(resumed.status).toBe(2);
    expect(resumed.stdout).not.toContain('Resuming run');
    expect(resumed.stderr.trim().split('\n')).toEqual([expect.stringContaining('changed since run')]);
    const after = readFileSync(
      join(stateDir, 'runs', readdirSync(join(stateDir, 'runs'))[0]!, 'journal.ndjson'),
    );
    expect(after.equals(before)).toBe(true);
  });
});
