import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/pty.js';
import { runCli } from '../support/run-cli.js';
import { APPROVER, ensureApproverAccount, runCliAs } from '../support/second-account.js';
import { startWaitingRun } from '../support/two-person-run.js';

/** Every file and folder under `dir` with its size and modification time: what a writer would change. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs} ${stat.mode}`;
    });
}

describe('watch: a live, read-only view of a run', () => {
  beforeAll(() => {
    ensureApproverAccount();
  });

  it('shows a run in progress in a terminal while another process drives it, until it finishes', async () => {
    const run = await startWaitingRun();
    const watch = spawnCli(['watch', run.runId, '--state-dir', run.stateDir]);
    await watch.waitFor('Step 2 of 2: Replace the marker');
    await watch.waitFor(/Now: waiting for approval since \d\d:\d\d:\d\d \(requested from \S+@\S+\)/);
    await watch.waitFor(/Elapsed: .+ of the RTO 5m/);
    // Someone else approves; the run goes on, and the watcher follows without being told.
    expect(runCliAs(APPROVER, ['approve', run.runId, '--state-dir', run.stateDir, '--yes']).status).toBe(0);
    // The run moves on within milliseconds of the decision: the decision stays on screen on its own line.
    await watch.waitFor('Now: finished: succeeded');
    await watch.waitFor(
      new RegExp(`Last approval: approved by ${APPROVER} at \\d\\d:\\d\\d:\\d\\d \\(step replace-marker\\)`),
    );
    expect((await watch.exited).exitCode).toBe(0);
    expect(await run.exit).toBe(0);
  });

  it('replays a finished run and exits, writing nothing; --json gives one event per line', async () => {
    const run = await startWaitingRun();
    runCliAs(APPROVER, ['approve', run.runId, '--state-dir', run.stateDir, '--yes']);
    expect(await run.exit).toBe(0);
    const before = snapshot(run.stateDir);
    const replay = runCli(['watch', run.runId, '--state-dir', run.stateDir]);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/approval-decided replace-marker — approved by sso-approver/);
    expect(replay.stdout).toContain('Now: finished: succeeded');
    const json = runCli(['watch', '--state-dir', run.stateDir, '--json']);
    expect(json.status).toBe(0);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    const journal = readFileSync(join(run.stateDir, 'runs', run.runId, 'journal.ndjson'), 'utf8');
    expect(events).toHaveLength(journal.trim().split('\n').length);
    expect(events[0]!.type).toBe('run-started');
    expect(events.at(-1)!.type).toBe('run-finished');
    expect(snapshot(run.stateDir)).toEqual(before);
  });
});
