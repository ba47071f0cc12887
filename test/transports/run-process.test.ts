import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killRunningTreesNow } from '../../src/transports/kill-process-tree-now.js';
import { runProcess } from '../../src/transports/run-process.js';
import { isProcessAlive, waitForProcessGone, waitUntil } from '../support/pty.js';
import { createTaskkillStandIn, readTaskkillCalls } from './taskkill-stand-in.js';

const dirs: string[] = [];
const leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function createTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sso-run-process-'));
  dirs.push(dir);
  return dir;
}

/** A shell whose background sleep (our grandchild) writes its pid to a file, then both wait. */
function treeScript(pidFile: string, trapTerm = false): string[] {
  const ignoreTerm = trapTerm ? 'trap "" TERM; ' : '';
  return ['-c', `${ignoreTerm}sleep 30 & echo $! > "$0"; sleep 30; wait`, pidFile];
}

/** As treeScript, but the grandchild calls setsid: it leaves the process group (and the session). */
function escapingTreeScript(pidFile: string): string[] {
  return ['-c', 'setsid sleep 30 & echo $! > "$0"; sleep 30; wait', pidFile];
}

/** The child writes its own pid to $1 and its grandchild's to $0. */
function reportingTreeScript(grandchildFile: string, childFile: string): string[] {
  return ['-c', 'echo $$ > "$1"; sleep 30 & echo $! > "$0"; sleep 30; wait', grandchildFile, childFile];
}

function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

async function readPid(file: string): Promise<number> {
  const pid = await waitUntil(
    () => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || undefined : undefined),
    5000,
    file,
  );
  leftovers.push(pid);
  return pid;
}

describe('runProcess', () => {
  it('returns a non-zero exit code as a value, with stdout and stderr kept apart', async () => {
    const result = await runProcess('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(result).toMatchObject({
      ok: false,
      exitCode: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
      canceled: false,
    });
    expect(result.error).toBeUndefined();
  });

  it('reports success with exit code 0 and the duration', async () => {
    const result = await runProcess('node', ['-e', 'setTimeout(() => {}, 120)']);
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(result.durationMs).toBeGreaterThanOrEqual(100);
  });

  it('returns a program that does not exist (ENOENT) as a value, not an exception', async () => {
    const result = await runProcess('/nonexistent/ssomanage', ['-displaydb']);
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBeNull();
    expect(result.error).toContain('ENOENT');
    expect(result.error).toContain('/nonexistent/ssomanage');
  });

  it('kills the whole tree on timeout, grandchildren included, and resolves promptly', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const started = Date.now();
    const running = runProcess('sh', treeScript(pidFile), { timeoutMs: 300 });
    const grandchild = await readPid(pidFile);
    const result = await running;
    // SIGTERM to the process group was enough: well under the 2 s SIGKILL grace, let alone the 30 s sleeps.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ ok: false, timedOut: true, canceled: false, exitCode: null });
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
  });

  it('escalates to SIGKILL when the tree ignores SIGTERM', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const started = Date.now();
    const running = runProcess('sh', treeScript(pidFile, true), { timeoutMs: 200 });
    const grandchild = await readPid(pidFile);
    const result = await running;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(5000);
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
  });

  it('cancels the whole tree when the AbortSignal fires', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const controller = new AbortController();
    const running = runProcess('sh', treeScript(pidFile), { signal: controller.signal, timeoutMs: 60_000 });
    const grandchild = await readPid(pidFile);
    expect(isProcessAlive(grandchild)).toBe(true);
    const aborted = Date.now();
    controller.abort(new Error('operator pressed Ctrl+C'));
    const result = await running;
    expect(Date.now() - aborted).toBeLessThan(1500);
    expect(result).toMatchObject({ ok: false, canceled: true, timedOut: false });
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
  });

  it('does not start anything when the signal is already aborted', async () => {
    const marker = join(createTempDir(), 'ran');
    const controller = new AbortController();
    controller.abort();
    const result = await runProcess('touch', [marker], { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, canceled: true, exitCode: null });
    expect(existsSync(marker)).toBe(false);
  });

  it('passes stdin to the child and never puts it in the child argv or environment', async () => {
    const secret = 'Pa55-word with spaces\tand "quotes"';
    const script = [
      "const fs = require('fs');",
      "let got = '';",
      "process.stdin.on('data', (c) => { got += c; }).on('end', () => {",
      "  const cmdline = fs.readFileSync('/proc/' + process.pid + '/cmdline', 'utf8');",
      "  const environ = fs.readFileSync('/proc/' + process.pid + '/environ', 'utf8');",
      '  process.stdout.write(JSON.stringify({ got, cmdline, environ }));',
      '});',
    ].join('\n');
    const result = await runProcess('node', ['-e', script], { stdin: secret });
    expect(result.ok).toBe(true);
    const seen = JSON.parse(result.stdout) as { got: string; cmdline: string; environ: string };
    expect(seen.got).toBe(secret);
    expect(seen.cmdline).toContain('process.stdin');
    expect(seen.cmdline).not.toContain('Pa55-word');
    expect(seen.environ).not.toContain('Pa55-word');
  });

  it('uses the given working directory and environment', async () => {
    const dir = createTempDir();
    const result = await runProcess('sh', ['-c', 'pwd; echo "$SSO_TEST_VALUE"'], {
      cwd: dir,
      env: { SSO_TEST_VALUE: 'from-env' },
    });
    expect(result.stdout).toBe(`${dir}\nfrom-env\n`);
  });

  it('gives a command that reads stdin an immediate end of input when there is no stdin', async () => {
    const result = await runProcess('cat', [], { timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: true, exitCode: 0, timedOut: false, stdout: '' });
  });

  it('stops a grandchild that left the process group with setsid when the command times out', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const running = runProcess('sh', escapingTreeScript(pidFile), { timeoutMs: 300 });
    const grandchild = await readPid(pidFile);
    // $! is written right after the fork, before setsid(2) has run in the child: wait for the new group.
    expect(
      await waitUntil(() => processGroupOf(grandchild) === grandchild || undefined, 3000, 'setsid'),
    ).toBe(true);
    const result = await running;
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(await waitForProcessGone(grandchild, 3000)).toBe(true);
    expect(result.stderr).toContain(`outside its process group (pid ${grandchild})`);
  });

  it('stops a daemonised descendant whose parent had already exited (re-parented, found by the marker it inherited)', async () => {
    const pidFile = join(createTempDir(), 'pid');
    // The inner sh starts the setsid sleep and exits at once: the sleep is re-parented away from our tree.
    const script = `sh -c 'setsid sleep 30 & echo $! > "$0"' "$0"; sleep 30`;
    const running = runProcess('sh', ['-c', script, pidFile], { timeoutMs: 500 });
    const orphan = await readPid(pidFile);
    expect(await running).toMatchObject({ ok: false, timedOut: true });
    expect(await waitForProcessGone(orphan, 3000)).toBe(true);
  });

  it('kills every running tree at once, escaped grandchild included, when the operator leaves (second Ctrl+C)', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const running = runProcess('sh', escapingTreeScript(pidFile), { timeoutMs: 60_000 });
    const grandchild = await readPid(pidFile);
    expect(killRunningTreesNow()).toBe(1);
    expect(await running).toMatchObject({ ok: false, exitCode: null });
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
    expect(killRunningTreesNow()).toBe(0);
  });

  it('stops a grandchild that left the process group with setsid when the operator cancels', async () => {
    const pidFile = join(createTempDir(), 'pid');
    const controller = new AbortController();
    const running = runProcess('sh', escapingTreeScript(pidFile), { signal: controller.signal });
    const grandchild = await readPid(pidFile);
    controller.abort(new Error('operator pressed Ctrl+C'));
    expect(await running).toMatchObject({ ok: false, canceled: true });
    expect(await waitForProcessGone(grandchild, 3000)).toBe(true);
  });
});

describe('runProcess on Windows (the Windows branch run here with a recording stand-in for taskkill)', () => {
  async function startTree(options: { timeoutMs?: number; signal?: AbortSignal; taskkillFails?: boolean }) {
    const dir = createTempDir();
    const standIn = createTaskkillStandIn(dir, { fail: options.taskkillFails === true });
    const running = runProcess('sh', reportingTreeScript(join(dir, 'grandchild'), join(dir, 'child')), {
      ...options,
      platform: { os: 'windows', taskkill: standIn.program },
    });
    const child = await readPid(join(dir, 'child'));
    const grandchild = await readPid(join(dir, 'grandchild'));
    return { running, child, grandchild, log: standIn.log };
  }

  it('does not detach the child (Windows has no process groups) and stops the tree with taskkill /T /F on timeout', async () => {
    const { running, child, grandchild, log } = await startTree({ timeoutMs: 300 });
    expect(processGroupOf(child)).toBe(processGroupOf(process.pid));
    const result = await running;
    expect(result).toMatchObject({ ok: false, timedOut: true, canceled: false });
    expect(readTaskkillCalls(log)).toEqual([['/PID', String(child), '/T', '/F']]);
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
    expect(result.stderr).toContain(
      `Stopped the command and its child processes (taskkill /PID ${child} /T /F).`,
    );
  });

  it('stops the tree with taskkill /T /F when the operator presses Ctrl+C', async () => {
    const controller = new AbortController();
    const { running, child, grandchild, log } = await startTree({ signal: controller.signal });
    controller.abort(new Error('operator pressed Ctrl+C'));
    const result = await running;
    expect(result).toMatchObject({ ok: false, canceled: true });
    expect(readTaskkillCalls(log)).toEqual([['/PID', String(child), '/T', '/F']]);
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
  });

  it('kills the tree with taskkill /T /F at once when the operator leaves (second Ctrl+C)', async () => {
    const { running, child, grandchild, log } = await startTree({ timeoutMs: 60_000 });
    expect(killRunningTreesNow()).toBe(1);
    await running;
    expect(readTaskkillCalls(log)).toEqual([['/PID', String(child), '/T', '/F']]);
    expect(await waitForProcessGone(grandchild, 2000)).toBe(true);
  });

  it('says so, and ends the command itself, when taskkill fails', async () => {
    const { running, child, log } = await startTree({ timeoutMs: 300, taskkillFails: true });
    const result = await running;
    expect(readTaskkillCalls(log)).toHaveLength(1);
    expect(await waitForProcessGone(child, 2000)).toBe(true);
    expect(result.timedOut).toBe(true);
    expect(result.stderr).toContain(
      `Could not stop the command's process tree (taskkill /PID ${child} /T /F: ERROR: The process "${child}" not found.)`,
    );
    expect(result.stderr).toContain('may still be running: check with Get-Process sh');
  });
});
