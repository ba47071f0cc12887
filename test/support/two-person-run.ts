import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './pty.js';
import { CLI, makeTempDir } from './run-cli.js';

const RUNBOOK = join(import.meta.dirname, '../fixtures/two-person.yaml');

export type Started = {
  child: ChildProcess;
  stateDir: string;
  /** the run's workDir, with its environment and answers files; open to every account */
  work: string;
  runId: string;
  output: () => string;
  exit: Promise<number | null>;
};

/**
 * `run` of the two-person fixture (test/fixtures/two-person.yaml, policy.approvals.destructive: `people`,
 * default 2) as a real process, answered by a file, until it waits for approval.
 */
export async function startWaitingRun(answers = 'confirm: all\n', people = 2): Promise<Started> {
  const stateDir = makeTempDir('sso-approve-');
  const work = makeTempDir('sso-approve-work-');
  // Readable and writable by the second account too: it resumes this run in the hand-off test.
  chmodSync(work, 0o777);
  const answersFile = join(work, 'answers.yaml');
  writeFileSync(answersFile, answers, { mode: 0o644 });
  const env = join(work, 'two-person.env.yaml');
  writeFileSync(
    env,
    `name: two-person\nhosts:\n  localhost: { roles: [local], transport: { type: local } }\nvars: { workDir: ${JSON.stringify(work)} }\npolicy:\n  approvals: { destructive: ${people} }\n`,
    { mode: 0o644 },
  );
  const child = spawn(
    process.execPath,
    [CLI, 'run', RUNBOOK, '--env', env, '--answers', answersFile, '--state-dir', stateDir],
    { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitUntil(
    () => (output.includes('Waiting for approval since') ? true : undefined),
    30_000,
    `the run to wait for approval; got:\n${output}`,
  );
  const runId = readdirSync(join(stateDir, 'approvals'))[0]!;
  return { child, stateDir, work, runId, output: () => output, exit };
}
