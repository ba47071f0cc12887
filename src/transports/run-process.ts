import type { ExecResult } from '../engine/ports.js';

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
  const held = options.keepStdinOpen === true && !interactive;
  // execa is loaded on the first command, not at start-up: the operator's first prompt comes sooner.
  const { execa } = await import('execa');
  const child = execa(file, args, {
    reject: false,
    detached: !interactive,
    stdin: interactive ? 'inherit' : options.stdin === undefined && !held ? 'ignore' : 'pipe',
    stdout: interactive ? 'inherit' : 'pipe',
    stderr: interactive ? 'inherit' : 'pipe',
    ...(options.stdin !== undefined && !interactive && !held ? { input: options.stdin } : {}),
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
  if (held) child.stdin?.destroy();
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
