import { spawn } from 'node:child_process';
import { chmodSync, cpSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEY, spawnPty, waitUntil } from '../support/pty.js';
import { CLI, makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';
import { APPROVER, ensureApproverAccount } from '../support/second-account.js';
import { startWaitingRun } from '../support/two-person-run.js';

/** A copy of a state folder that `user` owns, as a colleague would get it from a share. */
function copyFor(user: string, stateDir: string): string {
  const parent = makeTempDir('sso-handoff-');
  chmodSync(parent, 0o755);
  const copy = join(parent, 'state');
  cpSync(stateDir, copy, { recursive: true });
  execFileSync('chown', ['-R', user, copy]);
  return copy;
}

describe('hand-off: resume --handoff', () => {
  beforeAll(() => {
    ensureApproverAccount();
  });

  it('journals who handed the run to whom, attributes what follows to the new operator, and reports it', async () => {
    // The first operator stops while waiting for approval (Ctrl+C): the run can be resumed.
    const first = await startWaitingRun();
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(130);
    // The colleague gets a copy of the state folder (as from a share) and resumes it under their own account.
    const copy = copyFor(APPROVER, first.stateDir);
    const resumed = spawn(
      'runuser',
      [
        '-u',
        APPROVER,
        '--',
        process.execPath,
        CLI,
        'resume',
        first.runId,
        '--state-dir',
        copy,
        '--handoff',
        '--answers',
        join(first.work, 'answers.yaml'),
      ],
      { env: { ...process.env, NO_COLOR: '1', HOME: '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    resumed.stdout.on('data', (d) => (output += d));
    resumed.stderr.on('data', (d) => (output += d));
    const exit = new Promise<number | null>((resolve) => resumed.on('exit', resolve));
    await waitUntil(
      () => (output.includes('Waiting for approval since') ? true : undefined),
      20_000,
      `the resumed run to wait for approval; got:\n${output}`,
    );
    expect(output).toContain(`Handed over from ${userInfo().username}@${hostname()} to ${APPROVER}@`);
    // The first operator is now the second person: their approval counts, the new operator's would not.
    const approve = runCli(['approve', first.runId, '--state-dir', copy, '--yes']);
    expect(approve.stderr).toBe('');
    expect(await exit).toBe(0);
    const events = readRunEvents(copy);
    const handoff = events.find((e) => e.type === 'run-handed-over');
    expect(handoff).toMatchObject({
      from: `${userInfo().username}@${hostname()}`,
      to: `${APPROVER}@${hostname()}`,
    });
    const types = events.map((e) => e.type);
    expect(types.indexOf('run-handed-over')).toBe(types.indexOf('run-resumed') + 1);
    expect(events.find((e) => e.type === 'approval-decided')).toMatchObject({
      by: userInfo().username,
      approved: true,
    });
    const report = readFileSync(join(copy, 'runs', first.runId, 'report.md'), 'utf8');
    expect(report).toContain(`handed over from ${userInfo().username}@${hostname()}`);
    expect(report).toContain(`handed over to ${APPROVER}@${hostname()}`);
  });

  it('asks in a terminal when another account resumes without --handoff, and journals the hand-off on yes', async () => {
    const first = await startWaitingRun();
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(130);
    const copy = copyFor(APPROVER, first.stateDir);
    const me = `${userInfo().username}@${hostname()}`;
    const resume = spawnPty(
      'runuser',
      ['-u', APPROVER, '--', process.execPath, CLI, 'resume', first.runId, '--state-dir', copy],
      { env: { HOME: '/tmp' } },
    );
    await resume.waitFor(
      `${me} ran this run until now; you are ${APPROVER}@${hostname()}. Record that you take it over (a hand-off)? (Y/n)`,
    );
    resume.write(`y${KEY.enter}`);
    await resume.waitFor(`Handed over from ${me} to ${APPROVER}@`);
    await resume.waitFor('Run this on localhost? (y/N)');
    resume.write(KEY.ctrlC);
    expect((await resume.exited).exitCode).toBe(130);
    expect(readRunEvents(copy).find((e) => e.type === 'run-handed-over')).toMatchObject({
      from: me,
      to: `${APPROVER}@${hostname()}`,
    });
  });
});
