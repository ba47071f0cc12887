import { join } from 'node:path';
import type { RunResult } from '../engine/run-runbook.js';
import { formatDuration } from '../runbook/duration.js';

/** The last line of a run: what happened and what to do next. */
export function summarizeOutcome(result: RunResult, runId: string, runDir: string): string {
  const elapsed = formatDuration(result.elapsedMs);
  const where = `Journal: ${join(runDir, 'journal.ndjson')}`;
  switch (result.outcome) {
    case 'succeeded':
      return result.skipped.length
        ? `Run ${runId} finished in ${elapsed}, with ${result.skipped.length} step(s) skipped: ${result.skipped.join(', ')}. ${where}`
        : `Run ${runId} finished in ${elapsed}; every step done. ${where}`;
    case 'aborted':
      return `Run ${runId} aborted at step ${result.stoppedAt} after ${elapsed}; nothing after it ran. Fix the cause, then continue with: sso-failover resume ${runId}. ${where}`;
    case 'canceled':
      return `Run ${runId} stopped${result.stoppedAt ? ` at step ${result.stoppedAt}` : ''} after ${elapsed}; the journal records where. Continue with: sso-failover resume ${runId}. ${where}`;
    default:
      return `Run ${runId} failed after ${elapsed}. ${where}`;
  }
}
