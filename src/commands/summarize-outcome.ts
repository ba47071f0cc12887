import { join } from 'node:path';
import type { RunResult } from '../engine/run-runbook.js';
import { formatDuration } from '../runbook/duration.js';

/**
 * The last line of a run: what happened and what to do next. `resume` is the command that continues
 * the run, as it works from the operator's terminal (see resumeCommandLine); it gets a line of its own
 * so that it can be copied whole.
 */
export function summarizeOutcome(result: RunResult, runId: string, runDir: string, resume: string): string {
  const elapsed = formatDuration(result.elapsedMs);
  const where = `Journal: ${join(runDir, 'journal.ndjson')}`;
  switch (result.outcome) {
    case 'succeeded':
      return result.skipped.length
        ? `Run ${runId} finished in ${elapsed}, with ${result.skipped.length} step(s) skipped: ${result.skipped.join(', ')}. ${where}`
        : `Run ${runId} finished in ${elapsed}; every step done. ${where}`;
    case 'aborted':
      return `Run ${runId} aborted at step ${result.stoppedAt} after ${elapsed}; nothing after it ran. ${where}\nFix the cause, then continue with:\n    ${resume}`;
    case 'canceled':
      return `Run ${runId} stopped${result.stoppedAt ? ` at step ${result.stoppedAt}` : ''} after ${elapsed}; the journal records where. ${where}\nContinue with:\n    ${resume}`;
    default:
      return `Run ${runId} failed after ${elapsed}. ${where}`;
  }
}
