import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_CLI,
  isProcessAlive,
  KEY,
  type PtySession,
  REPO_ROOT,
  spawnCli,
  verifyBuilt,
  waitForProcessGone,
  waitUntil,
} from '../support/pty.js';

const DEMO = join(REPO_ROOT, 'test/fixtures/local-demo.yaml');
const fixture = (name: string) => join(REPO_ROOT, 'test/e2e/fixtures', name);
const BACKSPACE = '\x7f';
/** The last thing an interrupted run prints: that it stopped, and where its journal is. */
const STOPPED_SUMMARY = /✘ Run \S+ (canceled|stopped)\b.*Journal: \S+journal\.ndjson/;

type JournalEvent = { type: string; [key: string]: unknown };

const cleanups: string[] = [];
const sessions: PtySession[] = [];

beforeAll(() => verifyBuilt());

afterEach(() => {
  for (const session of sessions.splice(0)) session.kill('SIGKILL');
  for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh work dir (the runbook's workDir) and state dir (journals) per test. */
function createDirs(): { root: string; workDir: string; stateDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'sso-e2e-'));
  cleanups.push(root);
  const workDir = join(root, 'work');
  mkdirSync(workDir);
  return { root, workDir, stateDir: join(root, 'state') };
}

function startRun(runbook: string, dirs: { workDir: string; stateDir: string }): PtySession {
  const session = spawnCli([
    'run',
    runbook,
    '--var',
    `workDir=${dirs.workDir}`,
    '--state-dir',
    dirs.stateDir,
  ]);
  sessions.push(session);
  return session;
}

/** Every event of the one run journaled in this state dir. */
function readJournal(stateDir: string): { events: JournalEvent[]; text: string } {
  const runs = readdirSync(join(stateDir, 'runs'));
  expect(runs).toHaveLength(1);
  const text = readFileSync(join(stateDir, 'runs', runs[0]!, 'journal.ndjson'), 'utf8');
  const events = text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { event: JournalEvent }).event);
  return { events, text };
}

/** Answer a prompt, then wait until inquirer shows it answered, so the next waitFor cannot match its re-render. */
async function answer(
  session: PtySession,
  prompt: string,
  keys: string,
  shown: string | RegExp,
): Promise<void> {
  await session.waitFor(prompt);
  session.write(keys);
  await session.waitFor(shown);
}

type PlainRun = { exitCode: number | null; stdout: string; stderr: string; elapsedMs: number; hung: boolean };

/**
 * The CLI without a terminal, as CI runs it. `stdin: 'silent-pipe'` is a pipe held open and never written,
 * the case that hangs prompt libraries forever; the run is killed (and `hung` set) after `limitMs`.
 */
function runPlain(
  args: string[],
  options: { stdin?: 'ignore' | 'silent-pipe'; limitMs?: number } = {},
): Promise<PlainRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: REPO_ROOT,
    stdio: [options.stdin === 'silent-pipe' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  let hung = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const limit = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, options.limitMs ?? 15_000);
  return new Promise((resolve) =>
    child.on('close', (exitCode) => {
      clearTimeout(limit);
      resolve({ exitCode, stdout, stderr, elapsedMs: Date.now() - started, hung });
    }),
  );
}

describe('run in a terminal (local-demo.yaml)', () => {
  it('finishes with exit 0 and creates the files when the operator answers every prompt', async () => {
    const dirs = createDirs();
    writeFileSync(join(dirs.workDir, 'flag-ok'), '');
    const t = startRun(DEMO, dirs);
    await t.waitFor('? Name of the thing to create');
    t.write(`Bad1${KEY.enter}`);
    await t.waitFor('must match /^[a-z]+$/');
    await answer(
      t,
      'Name of the thing to create',
      `${BACKSPACE.repeat(4)}hello${KEY.enter}`,
      '✔ Name of the thing to create hello',
    );
    await t.waitFor(`write ${dirs.workDir}/hello.txt`);
    await answer(t, 'Run this on localhost? (Y/n)', `y${KEY.enter}`, '✔ Run this on localhost? Yes');
    await t.waitFor(`writeFileSync(process.argv[1], "")' ${dirs.workDir}/flag`);
    await answer(t, 'Run this on localhost? (Y/n)', `y${KEY.enter}`, '✔ Run this on localhost? Yes');
    expect((await t.exited).exitCode).toBe(0);
    expect(t.output).toContain('every step done');
    expect(readFileSync(join(dirs.workDir, 'hello.txt'), 'utf8')).toMatch(
      /^made by \d{8}-\d{6}-local-demo-[0-9a-f]{4}$/,
    );
    expect(existsSync(join(dirs.workDir, 'flag'))).toBe(true);
    const { events } = readJournal(dirs.stateDir);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', outcome: 'succeeded' });
    expect(events.filter((e) => e.type === 'step-finished').map((e) => e.stepId)).toEqual([
      'show-name',
      'create-marker',
      'wait-for-flag',
    ]);
  });

  it('shows the failure menu when a post-check fails, and Retry succeeds once the operator fixes the cause', async () => {
    const dirs = createDirs();
    const t = startRun(DEMO, dirs);
    await answer(
      t,
      'Name of the thing to create',
      `hello${KEY.enter}`,
      '✔ Name of the thing to create hello',
    );
    await answer(t, 'Run this on localhost? (Y/n)', KEY.enter, '✔ Run this on localhost? Yes');
    await answer(t, 'Run this on localhost? (Y/n)', KEY.enter, '✔ Run this on localhost? Yes');
    await t.waitFor(`Create ${dirs.workDir}/flag-ok, then choose Retry.`);
    await t.waitFor('What now?');
    const menu = await t.waitFor(/❯ Retry[\s\S]*Abort the run/);
    expect(menu.match(/^\s*❯? ?[A-Z].*$/gm)?.map((line) => line.replace('❯', '').trim())).toEqual([
      'Retry',
      'Run the action again',
      'Skip this step',
      'Roll back this step',
      'Abort the run',
    ]);
    writeFileSync(join(dirs.workDir, 'flag-ok'), '');
    t.write(KEY.enter);
    await t.waitFor('✔ What now? Retry');
    expect((await t.exited).exitCode).toBe(0);
    const { events } = readJournal(dirs.stateDir);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'failure-decided',
        stepId: 'wait-for-flag',
        phase: 'post',
        choice: 'retry',
      }),
    );
    expect(events.filter((e) => e.type === 'check-failed').map((e) => e.stepId)).toEqual(['wait-for-flag']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'step-finished', stepId: 'wait-for-flag' }),
    );
  });

  it('asks why when the operator skips a failed step, refuses a blank reason, and journals the reason', async () => {
    const dirs = createDirs();
    const reason = 'flag service is down for maintenance';
    const t = startRun(DEMO, dirs);
    await answer(
      t,
      'Name of the thing to create',
      `hello${KEY.enter}`,
      '✔ Name of the thing to create hello',
    );
    await answer(t, 'Run this on localhost? (Y/n)', KEY.enter, '✔ Run this on localhost? Yes');
    await answer(t, 'Run this on localhost? (Y/n)', KEY.enter, '✔ Run this on localhost? Yes');
    await t.waitFor('❯ Retry');
    await answer(t, 'Abort the run', KEY.down + KEY.down, '❯ Skip this step');
    await answer(t, 'go on without it', KEY.enter, '✔ What now? Skip this step');
    await answer(
      t,
      'Why skip "Wait for the flag file"? (recorded in the journal)',
      `   ${KEY.enter}`,
      'A reason is required',
    );
    t.write(`${BACKSPACE.repeat(3)}${reason}${KEY.enter}`);
    await t.waitFor(`Skipped "Wait for the flag file" (${reason})`);
    expect((await t.exited).exitCode).toBe(0);
    expect(t.output).toContain(
      `succeeded with 1 step(s) skipped — 2 of 3 steps done, 1 skipped (step 3 wait-for-flag: ${reason})`,
    );
    const { events } = readJournal(dirs.stateDir);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'step-skipped', stepId: 'wait-for-flag', reason }),
    );
    expect(events.some((e) => e.type === 'step-finished' && e.stepId === 'wait-for-flag')).toBe(false);
  });

  it('exits 130 with a message when the operator presses Ctrl+C at a prompt', async () => {
    const dirs = createDirs();
    const t = startRun(DEMO, dirs);
    await t.waitFor('? Name of the thing to create');
    t.write(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(130);
    expect(t.output).toMatch(STOPPED_SUMMARY);
    expect(t.output).not.toMatch(/\n\s+at /);
    expect(readJournal(dirs.stateDir).events.at(-1)).toMatchObject({
      type: 'run-finished',
      outcome: 'canceled',
    });
  });

  it('stops the whole process tree and exits 130 when Ctrl+C arrives while a command runs', async () => {
    const dirs = createDirs();
    const pidFile = join(dirs.workDir, 'pids');
    const t = startRun(fixture('long-command.yaml'), dirs);
    const text = await waitUntil(
      () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() || undefined : undefined),
      10_000,
      'the pid file',
    );
    const [shell, grandchild] = text.split(' ').map(Number) as [number, number];
    expect(isProcessAlive(shell)).toBe(true);
    expect(isProcessAlive(grandchild)).toBe(true);
    const pressed = Date.now();
    t.write(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(130);
    // Far less than the 30 s the commands would take: nothing waited for the grandchild holding the output pipe.
    expect(Date.now() - pressed).toBeLessThan(5000);
    expect(await waitForProcessGone(shell, 3000)).toBe(true);
    expect(await waitForProcessGone(grandchild, 3000)).toBe(true);
    expect(t.output).toMatch(STOPPED_SUMMARY);
    const { events } = readJournal(dirs.stateDir);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'action-finished', stepId: 'run-long', canceled: true, ok: false }),
    );
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', outcome: 'canceled' });
  });

  it('never prints a secret typed at the masked prompt, passes it on stdin, and keeps it out of the journal', async () => {
    const dirs = createDirs();
    const secret = 'hunter2-Quux-9431';
    const t = startRun(fixture('secret-on-stdin.yaml'), dirs);
    await t.waitFor('? Service account password');
    t.write(secret);
    await t.waitFor(`Service account password ${'*'.repeat(secret.length)}`);
    t.write(KEY.enter);
    await t.waitFor(`✔ Service account password ${'*'.repeat(secret.length)}`);
    await answer(t, 'Run this on localhost? (Y/n)', KEY.enter, '✔ Run this on localhost? Yes');
    expect((await t.exited).exitCode).toBe(0);
    expect(readFileSync(join(dirs.workDir, 'length.txt'), 'utf8')).toBe(`len=${secret.length}`);
    // The command echoed the secret back; the CLI masks it by value.
    expect(t.output).toContain(`len=${secret.length} echo=********`);
    expect(t.output).not.toContain(secret);
    expect(t.output).not.toContain('ctrl+t');
    const { text, events } = readJournal(dirs.stateDir);
    expect(text).not.toContain(secret);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'input-provided', key: 'token', secret: true }),
    );
    expect(events.find((e) => e.type === 'input-provided')).not.toHaveProperty('value');
  });
});

/** The demo runbook run from an answers file holding `text`, with no terminal (as CI runs it). */
async function runDemoWithAnswers(dirs: ReturnType<typeof createDirs>, text: string) {
  const answers = join(dirs.root, 'answers.yaml');
  writeFileSync(answers, text);
  const result = await runPlain([
    'run',
    DEMO,
    '--var',
    `workDir=${dirs.workDir}`,
    '--state-dir',
    dirs.stateDir,
    '--answers',
    answers,
  ]);
  return { result, answers };
}

describe('run without a terminal', () => {
  it.each([
    ['stdin closed', 'ignore'],
    ['stdin a pipe that never sends anything (some CI runners)', 'silent-pipe'],
  ] as const)('refuses at once with exit 2 and a one-line message (%s)', async (_case, stdin) => {
    const dirs = createDirs();
    const result = await runPlain(
      ['run', DEMO, '--var', `workDir=${dirs.workDir}`, '--state-dir', dirs.stateDir],
      { stdin, limitMs: 10_000 },
    );
    expect(result.hung).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.elapsedMs).toBeLessThan(5000);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('not a terminal');
    expect(result.stderr).toContain('--answers');
    expect(result.stdout).toBe('');
    expect(existsSync(dirs.stateDir)).toBe(false);
  });

  it('gives exit 2 and a one-line error with no stack trace for a runbook path that does not exist', async () => {
    const result = await runPlain(['run', '/nonexistent/failover.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'sso-failover: no runbook "/nonexistent/failover.yaml": give a path to a .yaml file or a shipped id (see `node dist/cli.js list`).',
    ]);
    expect(result.stdout).toBe('');
  });

  it('lists every problem of an invalid runbook as file:line:col, with exit 2 and no stack trace', async () => {
    const { root } = createDirs();
    const file = join(root, 'broken.yaml');
    writeFileSync(
      file,
      'id: Broken_Id\ntitle: Broken\nsummary: x\nsources: [x]\nrto: 5m\nsteps:\n  - id: one\n    title: ""\n',
    );
    const result = await runPlain(['run', file]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file}:1:5`);
    expect(result.stderr).toContain(`${file}:8:12`);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it('plans without running anything and prints the exact commands', async () => {
    const { workDir } = createDirs();
    const result = await runPlain([
      'plan',
      fixture('plan-creates-files.yaml'),
      '--var',
      `workDir=${workDir}`,
    ]);
    expect(result.exitCode).toBe(0);
    expect(readdirSync(workDir)).toEqual([]);
    const lines = result.stdout.split('\n');
    // A check's command too: what is checked, then the command on a line of its own.
    const before = lines.indexOf('   before: on localhost: the command below → exit code 0');
    expect(lines[before + 1]).toBe(`      $ touch ${workDir}/made-by-pre-check`);
    // A command stands on a line of its own, under what it is, so it can be copied whole.
    const action = lines.indexOf('   do (confirm: yes):');
    expect(lines[action + 1]).toBe(`     touch ${workDir}/made-by-action`);
    const rollback = lines.indexOf('   rollback:');
    expect(lines[rollback + 1]).toBe(`     rm -f ${workDir}/made-by-action`);
    expect(lines).toContain(`     then: sh -c 'echo "it ran" > "$0/made-by-write-step"' ${workDir}`);
    const after = lines.indexOf('   after: on localhost: the command below → exit code 0');
    expect(lines[after + 1]).toBe(`      $ touch ${workDir}/made-by-post-check`);
    expect(result.stdout).toContain('nothing below has been run');
  });

  it('runs from an answers file with no terminal at all', async () => {
    const dirs = createDirs();
    writeFileSync(join(dirs.workDir, 'flag-ok'), '');
    const { result, answers } = await runDemoWithAnswers(dirs, 'inputs:\n  target: hello\nconfirm: all\n');
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(dirs.workDir, 'hello.txt'))).toBe(true);
    expect(existsSync(join(dirs.workDir, 'flag'))).toBe(true);
    const { events } = readJournal(dirs.stateDir);
    expect(events[0]).toMatchObject({ type: 'run-started', operator: `answers file ${answers}` });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', outcome: 'succeeded' });
  });

  it('takes failure decisions and skip reasons from the answers file', async () => {
    const dirs = createDirs();
    const { result } = await runDemoWithAnswers(
      dirs,
      'inputs:\n  target: hello\nconfirm: all\nsteps:\n  wait-for-flag:\n    onFailure: [skip]\n    skipReason: no flag service in CI\n',
    );
    expect(result.exitCode).toBe(0);
    expect(readJournal(dirs.stateDir).events).toContainEqual(
      expect.objectContaining({
        type: 'step-skipped',
        stepId: 'wait-for-flag',
        reason: 'no flag service in CI',
      }),
    );
  });

  it('refuses an answers file that lacks answers with exit 2, naming every missing key, before running anything', async () => {
    const dirs = createDirs();
    const { result } = await runDemoWithAnswers(dirs, 'inputs: {}\n');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    for (const key of ['inputs.target', 'steps.create-marker.confirm', 'steps.wait-for-flag.confirm'])
      expect(result.stderr).toContain(key);
    expect(readdirSync(dirs.workDir)).toEqual([]);
    expect(existsSync(dirs.stateDir)).toBe(false);
  });

  it('refuses --var for a secret input with exit 2, without echoing the value', async () => {
    const dirs = createDirs();
    const result = await runPlain([
      'run',
      fixture('secret-on-stdin.yaml'),
      '--var',
      `workDir=${dirs.workDir}`,
      '--var',
      'token=hunter2-argv',
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^sso-failover: token is a secret and is never accepted on the command line/,
    );
    expect(result.stderr).not.toContain('hunter2-argv');
    expect(readdirSync(dirs.workDir)).toEqual([]);
  });
});
