import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_FILE, readJournal } from './journal.js';
import { type RunSummary, summarizeRun } from './resume.js';

export function runsDir(stateDir: string): string {
  return join(stateDir, 'runs');
}

/** Every run in the state dir, newest first. A run whose journal cannot be read is skipped, not fatal. */
export function listRuns(stateDir: string): RunSummary[] {
  const dir = runsDir(stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .reverse()
    .flatMap((runId) => {
      const read = readJournal(join(dir, runId, JOURNAL_FILE));
      const summary = summarizeRun(read.records, read.tornText);
      return summary ? [summary] : [];
    });
}

export function readRun(stateDir: string, runId: string): RunSummary | undefined {
  const read = readJournal(join(runsDir(stateDir), runId, JOURNAL_FILE));
  return summarizeRun(read.records, read.tornText);
}
