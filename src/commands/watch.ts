import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineEvent } from '../engine/events.js';
import { InvalidInputError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { JOURNAL_FILE, readJournal } from '../journal/journal.js';
import { listRuns, runsDir } from '../journal/list-runs.js';
import { isResumable } from '../journal/resume.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { describeLiveRun, formatEventLine, formatLiveRun } from '../report/describe-live-run.js';
import { stateCommandLine } from '../session/next-commands.js';

export type WatchOptions = { stateDir?: string; json?: boolean; pollMs?: number };

/**
 * Follow a run's journal, read-only: no lock is taken and nothing is written, so it works on a share, a
 * copied folder, or next to the running operator. A finished run is replayed and the command exits.
 */
export async function watchCommand(runId: string | undefined, options: WatchOptions): Promise<number> {
  const stateDir = resolveStateDir(options.stateDir);
  const id = runId ?? pickRun(stateDir);
  const file = join(runsDir(stateDir), id, JOURNAL_FILE);
  const first = readEvents(file, id, stateDir);
  const out = process.stdout;
  const stopped = new AbortController();
  const stop = () => stopped.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    if (isFinished(first)) return replay(first, options.json === true);
    let shown = 0;
    let screen = '';
    for (;;) {
      const events = shown === 0 ? first : readEvents(file, id, stateDir);
      if (options.json) for (const event of events.slice(shown)) out.write(`${JSON.stringify(event)}\n`);
      shown = events.length;
      if (!options.json) screen = draw(events, screen, out.isTTY === true);
      if (isFinished(events)) return ExitCode.ok;
      await sleep(options.pollMs ?? 300, undefined, { signal: stopped.signal }).catch(() => undefined);
      if (stopped.signal.aborted) return ExitCode.ok;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The latest unfinished run, else the latest run. */
function pickRun(stateDir: string): string {
  const runs = listRuns(stateDir);
  const run = runs.find(isResumable) ?? runs[0];
  if (!run)
    throw new InvalidInputError(
      `no run in ${stateDir}; pass --state-dir (the folder the operator's screen names) or a run id.`,
    );
  return run.runId;
}

function readEvents(file: string, runId: string, stateDir: string): EngineEvent[] {
  const read = readJournal(file);
  if (read.records.length === 0)
    throw new InvalidInputError(
      `no journal for run ${runId} in ${stateDir} (or it cannot be read by this account); list the runs with: ${stateCommandLine(['runs'], stateDir)}`,
    );
  return read.records.map((record) => record.event);
}

function isFinished(events: readonly EngineEvent[]): boolean {
  return events.at(-1)?.type === 'run-finished';
}

function replay(events: readonly EngineEvent[], json: boolean): number {
  const lines = json
    ? events.map((event) => JSON.stringify(event))
    : [
        ...events.map(formatEventLine),
        '',
        ...formatLiveRun(describeLiveRun(events, Date.now())!, Date.now()),
      ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}

/** Redraw in place on a terminal (times tick); elsewhere print only when something changed. */
function draw(events: readonly EngineEvent[], previous: string, tty: boolean): string {
  const at = tty ? Date.now() : Date.parse(events.at(-1)!.at);
  const live = describeLiveRun(events, at);
  if (!live) return previous;
  const text = formatLiveRun(live, at).join('\n');
  if (text === previous) return previous;
  process.stdout.write(
    tty ? `\x1b[H\x1b[2J${text}\n(watching, read-only; Ctrl+C stops watching)\n` : `${text}\n\n`,
  );
  return text;
}
