import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import * as pty from 'node-pty';

/** The repository root, so tests work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI: e2e tests drive what ships, so `npm run build` must have run first. */
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
/** The lab's own built entry point: what the process lab runner starts for each lab command. */
export const LAB_TOOL = fileURLToPath(new URL('../../dist/lab-tool.js', import.meta.url));

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const;

export type PtyExit = { exitCode: number; signal?: number };

export type PtySession = {
  /** everything printed so far, without escape sequences */
  readonly output: string;
  /** everything printed so far, escape sequences included (for a terminal emulator: renderScreen) */
  readonly raw: string;
  readonly pid: number;
  write(text: string): void;
  /**
   * Wait until `text` appears in output not yet consumed by an earlier waitFor, then consume up to the end
   * of the match (expect-style), so waiting twice for the same prompt waits for its second appearance.
   * Fails at once, with the output, if the process exits first.
   */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<PtyExit>;
  kill(signal?: string): void;
};

export type SpawnOptions = { cwd?: string; env?: Record<string, string>; cols?: number; rows?: number };

/** Any program in a pseudo-terminal: stdin and stdout are a real TTY, as for an operator. */
export function spawnPty(file: string, args: readonly string[], options: SpawnOptions = {}): PtySession {
  const child = pty.spawn(file, [...args], {
    name: 'xterm-256color',
    cols: options.cols ?? 120,
    rows: options.rows ?? 40,
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: '', ...options.env } as Record<
      string,
      string
    >,
  });
  let raw = '';
  let consumed = 0;
  let exit: PtyExit | undefined;
  child.onData((data) => {
    raw += data;
  });
  const exited = new Promise<PtyExit>((resolve) =>
    child.onExit((event) => {
      exit = event;
      resolve(event);
    }),
  );
  const plain = () => stripVTControlCharacters(raw);
  const find = (text: string | RegExp): { index: number; match: string } | undefined => {
    const rest = plain().slice(consumed);
    if (typeof text === 'string') {
      const index = rest.indexOf(text);
      return index < 0 ? undefined : { index, match: text };
    }
    const found = new RegExp(text.source, text.flags.replace('g', '')).exec(rest);
    return found ? { index: found.index, match: found[0] } : undefined;
  };
  return {
    get output() {
      return plain();
    },
    get raw() {
      return raw;
    },
    pid: child.pid,
    write: (text) => child.write(text),
    async waitFor(text, timeoutMs = 10_000) {
      const started = Date.now();
      for (;;) {
        const found = find(text);
        if (found) {
          consumed += found.index + found.match.length;
          return found.match;
        }
        // Output can still be in flight when the exit event fires: look once more before giving up.
        const gone = exit !== undefined;
        if (gone || Date.now() - started > timeoutMs) {
          await new Promise((resolve) => setTimeout(resolve, gone ? 50 : 0));
          const late = find(text);
          if (late) {
            consumed += late.index + late.match.length;
            return late.match;
          }
          const why = gone ? `the process exited (${JSON.stringify(exit)})` : `${timeoutMs} ms passed`;
          throw new Error(
            `waiting for ${String(text)}: ${why}. Output after the last match:\n${plain().slice(consumed)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    exited,
    kill: (signal) => child.kill(signal),
  };
}

/** `node dist/cli.js …` in a pseudo-terminal. */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): PtySession {
  verifyBuilt();
  return spawnPty(process.execPath, [BUILT_CLI, ...args], options);
}

/** Fail with advice, not a confusing timeout, when dist/ is missing. */
export function verifyBuilt(): void {
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} does not exist: run \`npm run build\` before the e2e tests.`);
}

/** Alive means signalable and not a zombie (PID 1 in a container may never reap orphans). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Poll until the process is gone; returns false if it still lives after `timeoutMs`. */
export async function waitForProcessGone(pid: number, timeoutMs = 5000): Promise<boolean> {
  const started = Date.now();
  while (isProcessAlive(pid)) {
    if (Date.now() - started > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Poll until `read()` returns something, e.g. a pid file written by a child. */
export async function waitUntil<T>(
  read: () => T | undefined,
  timeoutMs = 10_000,
  what = 'a condition',
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
