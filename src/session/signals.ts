import { ExitCode } from '../exit-codes.js';
import { killRunningTreesNow } from '../transports/kill-process-tree-now.js';

type SignalSource = {
  on(name: NodeJS.Signals, handler: (name: NodeJS.Signals) => void): unknown;
  off(name: NodeJS.Signals, handler: (name: NodeJS.Signals) => void): unknown;
};

export type SignalTrapOptions = {
  /** win32 adds Ctrl+Break (SIGBREAK), handled like Ctrl+C */
  platform?: NodeJS.Platform;
  /** where signals come from (the process; a test passes an EventEmitter) */
  source?: SignalSource;
  /** how a second signal leaves at once (process.exit; a test records the code) */
  exit?: (code: number) => void;
  /** where the one line said before leaving at once goes */
  warn?: (line: string) => void;
  /** kills what is still running before leaving at once (the process runner's trees; a test records it) */
  killRunning?: () => number;
  /** the command that continues the run, as it works from the operator's terminal */
  resumeCommand?: string;
};

/**
 * Ctrl+C, SIGTERM and SIGHUP (on Windows also Ctrl+Break, and SIGHUP is the console window closing)
 * abort the run's signal; the engine and transports stop what they are doing, the journal says where
 * the run stopped and the lock is released. A second signal exits at once: the operator is never held
 * by a stop that hangs (a tree kill that does not return, a transport that does not answer).
 */
export function trapSignals(options: SignalTrapOptions = {}): {
  signal: AbortSignal;
  received: () => NodeJS.Signals | undefined;
  release: () => void;
} {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const killRunning = options.killRunning ?? killRunningTreesNow;
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (raw: NodeJS.Signals) => {
    const name = raw === 'SIGBREAK' ? 'SIGINT' : raw;
    if (received) {
      const killed = killRunning();
      const what =
        killed > 0
          ? `killed ${killed} running command(s) and their child processes`
          : 'no command was running';
      warn(
        `Second ${name === 'SIGINT' ? 'Ctrl+C' : name}: leaving now (${what}, without waiting). The journal says where the run stopped; the lock it leaves is recognised as stale when you continue with:\n    ${options.resumeCommand ?? 'sso-failover resume'}`,
      );
      exit(exitCodeForSignal(name));
      return;
    }
    received = name;
    controller.abort(new Error(`received ${name}`));
  };
  const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  if ((options.platform ?? process.platform) === 'win32') names.push('SIGBREAK');
  for (const name of names) source.on(name, handler);
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      for (const name of names) source.off(name, handler);
    },
  };
}

/** 128 + the signal's number, as shells report it. */
export function exitCodeForSignal(name: NodeJS.Signals | undefined): number {
  if (name === 'SIGTERM') return ExitCode.terminated;
  if (name === 'SIGHUP') return ExitCode.hangup;
  return ExitCode.canceled;
}
