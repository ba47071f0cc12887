import { join } from 'node:path';
import {
  type ComputedOutcome,
  describeOutcomeHeadline,
  describeStepCounts,
} from '../engine/compute-outcome.js';
import { formatDuration } from '../runbook/duration.js';

/**
 * The last line of a run: what happened and what to do next. The outcome comes from the whole journal
 * (computeOutcome), so a resumed run's line also lists what earlier sessions did and skipped. `resume` is
 * the command that continues the run, as it works from the operator's terminal (see resumeCommandLine);
 * it gets a line of its own so that it can be copied whole.
 */
export function summarizeOutcome(
  outcome: ComputedOutcome,
  runId: string,
  runDir: string,
  resume: string,
): string {
  const elapsed = formatDuration(outcome.elapsedMs ?? 0);
  const where = `Journal: ${join(runDir, 'journal.ndjson')}`;
  const headline = describeOutcomeHeadline(outcome);
  const counts = describeStepCounts(outcome);
  switch (outcome.outcome) {
    case 'succeeded':
      return `Run ${runId} finished in ${elapsed}: ${headline} — ${counts}. ${where}`;
    case 'aborted':
      return `Run ${runId} ${headline} (after ${elapsed}; ${counts}). ${where}\nFix the cause, then continue with:\n    ${resume}`;
    case 'canceled':
      return `Run ${runId} ${headline} (after ${elapsed}; ${counts}); the journal records where. ${where}\nContinue with:\n    ${resume}`;
    default:
      return `Run ${runId} ${headline} after ${elapsed} (${counts}). ${where}`;
  }
}
