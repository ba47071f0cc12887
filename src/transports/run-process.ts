import { execa } from 'execa';
import type { ExecResult } from '../engine/ports.js';

export type ProcessOptions = {
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** inherit the terminal: the child reads the operator's keystrokes itself */
  interactive?: boolean;
  env?: Record<string, string>;
  cwd?: string;
};

/** Grace between SIGTERM and SIGKILL for a command being stopped. */
const KILL_GRACE_MS = 2000;

/**
 * Run a program with an argv array (never a shell string). The child gets its own process group so a
 * timeout or Ctrl+C stops the whole tree, grandchildren included (execa alone only signals the child).
 */
export async function runProcess(
  file: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ExecResult> {
  const started = Date.now();
  const interactive = options.interactive === true;
  if (options.signal?.aborted) return canceledResult(started);
  const child = execa(file, args, {
    reject: false,
    detached: !interactive,
    stdin: interactive ? 'inherit' : options.stdin === undefined ? 'ignore' : 'pipe',
    stdout: interactive ? 'inherit' : 'pipe',
    stderr: interactive ? 'inherit' : 'pipe',
    ...(options.stdin !== undefined && !interactive ? { input: options.stdin } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stripFinalNewline: false,
    windowsHide: true,
  });
  let timedOut = false;
  let canceled = false;
  const timers: NodeJS.Timeout[] = [];
  const stopTree = () => {
    signalGroup(child.pid, interactive ? 'SIGINT' : 'SIGTERM', interactive);
    timers.push(setTimeout(() => signalGroup(child.pid, 'SIGKILL', interactive), KILL_GRACE_MS));
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
  const result = await child;
  for (const timer of timers) clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  const notStarted = result.exitCode === undefined && !result.signal;
  return {
    ok: !result.failed && !timedOut && !canceled,
    exitCode: result.exitCode ?? null,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    durationMs: Date.now() - started,
    timedOut,
    canceled,
    ...(notStarted
      ? { error: `could not start ${file}: ${(result as { code?: string }).code ?? result.shortMessage}` }
      : {}),
  };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals, interactive: boolean): void {
  if (!pid) return;
  try {
    // An interactive child shares our process group (it owns the terminal); signal it alone.
    process.kill(interactive ? pid : -pid, signal);
  } catch {
    // already gone
  }
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
