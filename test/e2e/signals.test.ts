import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeTempDir, readRunEvents } from '../support/run-cli.js';

const LONG = join(import.meta.dirname, 'fixtures/long-command.yaml');
const STUBBORN = join(import.meta.dirname, 'fixtures/stubborn-command.yaml');

/** Start a run of the long-command fixture (answers file, no TTY) and wait until its command runs. */
async function startLongRun(runbook = LONG) {
  const workDir = makeTempDir('sso-signal-');
  const stateDir = join(workDir, 'state');
  const answers = join(workDir, 'answers.yaml');
  writeFileSync(answers, 'inputs: {}\n');
  const child = spawn(
    process.execPath,
    [CLI, 'run', runbook, '--answers', answers, '--var', `workDir=${workDir}`, '--state-dir', stateDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const pidsFile = join(workDir, 'pids');
  for (let i = 0; i < 500 && !existsSync(pidsFile); i++) await new Promise((r) => setTimeout(r, 20));
  const pids = readFileSync(pidsFile, 'utf8').trim().split(' ').map(Number);
  return { child, exited, stateDir, pids, output: () => output };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('signals stop the run cleanly', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: stops the command's whole process tree, records where it stopped, releases the lock, exits ${code}`, async () => {
      const run = await startLongRun();
      run.child.kill(signal);
      const { code: exitCode } = await run.exited;
      expect(exitCode).toBe(code);
      for (let i = 0; i < 100 && run.pids.some(alive); i++) await new Promise((r) => setTimeout(r, 30));
      expect(run.pids.filter(alive)).toEqual([]);
      expect(readRunEvents(run.stateDir).at(-1)).toMatchObject({
        type: 'run-finished',
        outcome: 'canceled',
        stepId: 'run-long',
      });
      expect(readdirSync(join(run.stateDir, 'locks'))).toEqual([]);
      // The resume command on a line of its own, as it works from here: this run was started as
      // `node <path of dist/cli.js>` with a state folder of its own.
      expect(run.output()).toMatch(/Continue with:\n {4}node \S+cli\.js resume \S+ --state-dir \S+\n/);
    });
  }

  it('a second Ctrl+C kills a tree that ignores SIGTERM at once and leaves, saying so', async () => {
    const run = await startLongRun(STUBBORN);
    run.child.kill('SIGINT');
    // The second press comes while the first stop waits out its grace for SIGTERM (2 s).
    await new Promise((r) => setTimeout(r, 200));
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(run.output()).toContain(
      'Second Ctrl+C: leaving now (killed 1 running command(s) and their child processes, without waiting).',
    );
    // The way on is the run's own resume command, as it works from here (was a bare `sso-failover resume`).
    expect(run.output()).toMatch(
      /recognised as stale when you continue with:\n {4}node \S+cli\.js resume \S+ --state-dir \S+\n/,
    );
    for (let i = 0; i < 100 && run.pids.some(alive); i++) await new Promise((r) => setTimeout(r, 30));
    expect(run.pids.filter(alive)).toEqual([]);
  });
});
