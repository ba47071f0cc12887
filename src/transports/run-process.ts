import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createOutputCollector } from './collect-output.js';
import type { ExecResult } from '../engine/ports.js';
import { trackRunning } from './kill-process-tree-now.js';
import { detectProcessPlatform, type ProcessPlatform } from './process-platform.js';
import { KILL_GRACE_MS, stopProcessTree } from './stop-process-tree.js';

export type ProcessOptions = {
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** inherit the terminal: the child reads the operator's keystrokes itself */
  interactive?: boolean;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * write `stdin` but leave the pipe open until the program ends: a remote watchdog reads the end of
   * stdin as "the client is gone" (see posix-watchdog.ts)
   */
  keepStdinOpen?: boolean;
  /**
   * POSIX: stop only the process group, not descendants that left it. ssh's shared-connection master
   * leaves the group on purpose and carries other commands (parallel steps) to the same host.
   */
  groupOnly?: boolean;
  /** POSIX or Windows (default: this computer's); tests pass the Windows one with a stand-in taskkill */
  platform?: ProcessPlatform;
};

/**
 * Run a program with an argv array (never a shell string). A timeout or Ctrl+C stops the whole tree,
 * grandchildren included (execa alone only signals the child): on POSIX the child gets its own process
 * group, on Windows (no process groups) taskkill /T ends the tree — see stop-process-tree.ts.
 */
export async function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ExecResult> {
  const started = Date.now();
  const interactive = options.interactive === true;
  if (options.signal?.aborted) return canceledResult(started);
  const held = options.keepStdinOpen === true && !interactive;
  const platform = options.platform ?? detectProcessPlatform();
  const windows = platform.os === 'windows';
  // Every process started under this command inherits the marker, so a stop finds even those whose
  // parent already exited (POSIX; see stop-process-tree.ts). It is not a secret: only a random name.
  const marker = `SSO_FAILOVER_COMMAND=${randomBytes(8).toString('hex')}`;
  const [markerName, markerValue] = marker.split('=') as [string, string];
  // execa is loaded on the first command, not at start-up: the operator's first prompt comes sooner.
  const { execa } = await import('execa');
  const child = execa(file, args, {
    reject: false,
    // On Windows `detached` would give the child a console of its own, not a process group.
    detached: !interactive && !windows,
    stdin: interactive ? 'inherit' : options.stdin === undefined && !held ? 'ignore' : 'pipe',
    stdout: interactive ? 'inherit' : 'pipe',
    stderr: interactive ? 'inherit' : 'pipe',
    ...(options.stdin !== undefined && !interactive && !held ? { input: options.stdin } : {}),
    env: { ...options.env, ...(windows ? {} : { [markerName]: markerValue }) },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stripFinalNewline: false,
    windowsHide: true,
    // Collected below with a bound, not by execa: a command printing 200 MB must not cost 200 MB.
    buffer: false,
  });
  const collected = interactive ? undefined : collectStreams(child.stdout, child.stderr);
  let timedOut = false;
  let canceled = false;
  const timers: NodeJS.Timeout[] = [];
  let stopping: Promise<string | undefined> | undefined;
  const target = {
    pid: child.pid ?? 0,
    file,
    interactive,
    groupOnly: options.groupOnly === true,
    marker,
    killChild: () => child.kill('SIGKILL'),
  };
  const untrack = child.pid ? trackRunning(target, platform) : () => undefined;
  const stopTree = () => {
    if (stopping || !child.pid) return;
    stopping = stopProcessTree(target, platform);
    // A process outside the group can still hold our pipes (ssh's shared-connection master does):
    // stop reading them, so a stopped command returns even then.
    timers.push(
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, KILL_GRACE_MS * 2),
    );
  };
  if (options.timeoutMs) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stopTree();
      }, options.timeoutMs),
    );
  }
  const onAbort = () => {
    canceled = true;
    stopTree();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (held) {
    // A program that exits without reading its stdin must not turn into an EPIPE error here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.write(options.stdin ?? '');
  }
  const result = await child;
  const output = await collected;
  untrack();
  if (held) child.stdin?.destroy();
  for (const timer of timers) clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  // What the stop really did goes into stderr, and so into the journal with the result.
  const stopNote = await stopping;
  const stderr = output?.stderr.text ?? '';
  const notStarted = result.exitCode === undefined && !result.signal;
  return {
    ok: !result.failed && !timedOut && !canceled,
    exitCode: result.exitCode ?? null,
    stdout: output?.stdout.text ?? '',
    stderr: stopNote ? `${stderr}${stderr && !stderr.endsWith('\n') ? '\n' : ''}${stopNote}\n` : stderr,
    durationMs: Date.now() - started,
    timedOut,
    canceled,
    ...(output
      ? {
          printed: {
            stdout: { bytes: output.stdout.bytes, lines: output.stdout.lines },
            stderr: { bytes: output.stderr.bytes, lines: output.stderr.lines },
          },
        }
      : {}),
    ...(notStarted
      ? { error: `could not start ${file}: ${(result as { code?: string }).code ?? result.shortMessage}` }
      : {}),
  };
}

/** Both streams through a bounded collector; settles when both have ended (or were destroyed by a stop). */
async function collectStreams(stdout: Readable | null, stderr: Readable | null) {
  const collect = async (stream: Readable | null) => {
    const collector = createOutputCollector();
    if (stream) {
      stream.on('data', (chunk: Buffer) => collector.push(chunk));
      await finished(stream).catch(() => undefined);
    }
    return collector.finish();
  };
  const [out, err] = await Promise.all([collect(stdout), collect(stderr)]);
  return { stdout: out, stderr: err };
}

function canceledResult(started: number): ExecResult {
  return {
    ok: false,
    exitCode: null,
    stdout: '',
    stderr: '',
    durationMs: Date.now() - started,
    timedOut: false,
    canceled: true,
  };
}
