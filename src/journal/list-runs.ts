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
      const summary = summarizeRun(readJournal(join(dir, runId, JOURNAL_FILE)).records);
      return summary ? [summary] : [];
    });
}

export function readRun(stateDir: string, runId: string): RunSummary | undefined {
  return summarizeRun(readJournal(join(runsDir(stateDir), runId, JOURNAL_FILE)).records);
}
