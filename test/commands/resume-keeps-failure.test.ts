import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashRunAfter } from '../support/in-process-drill.js';
import { makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';

// The action exits 0 but does not print what it must: its expectation fails, while its post-check passes.
const RUNBOOK = `id: failure-demo
title: Failure demo
summary: an action that fails its expectation
sources: [test]
rto: 5m
steps:
  - id: promote
    title: Promote the replica
    confirm: false
    action:
      run: [node, -e, 'console.log("still a replica")']
      expect: { stdout: promoted }
    post: [{ run: ['true'], label: the server answers }]
    irreversible: test
  - id: after
    title: After
    pre: [{ run: ['true'] }]
`;

describe('resume after a crash at the failure menu', () => {
  it('keeps the recorded failure: the menu opens again, the step is not done, and the report shows the failure', async () => {
    const dir = makeTempDir('sso-failure-');
    const runbook = join(dir, 'failure-demo.yaml');
    writeFileSync(runbook, RUNBOOK);
    const answers = join(dir, 'answers.yaml');
    writeFileSync(
      answers,
      'steps:\n  promote: { onFailure: [skip], skipReason: promoted by hand }\n  take-over-stale-lock: { confirm: yes }\n',
    );
    const stateDir = join(dir, 'state');
    const crashed = await crashRunAfter('prompt-opened:promote', runbook, { answers, stateDir });
    expect(crashed.crashed).toBe(true);
    const resumed = runCli(['resume', '--answers', answers, '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      /Continuing at step 1 of 2: Promote the replica\. It had failed: expected exit code 0/,
    );
    expect(resumed.stdout).toContain('the failure it recorded still stands');
    const events = readRunEvents(stateDir);
    expect(events.filter((e) => e.type === 'step-finished').map((e) => e.stepId)).toEqual(['after']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'step-skipped', stepId: 'promote', reason: 'promoted by hand' }),
    );
    const runId = events.find((e) => e.type === 'run-started')!.runId as string;
    const report = readFileSync(join(stateDir, 'runs', runId, 'report.md'), 'utf8');
    expect(report).toMatch(/- ✗ Failed \(action\) at [\d:]+: expected exit code 0, output showing/);
    expect(report).toContain('succeeded with 1 step(s) skipped');
  });
});
