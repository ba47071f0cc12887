import { join } from 'node:path';
import {
  type ComputedOutcome,
  describeOutcomeHeadline,
  describeStepCounts,
} from '../engine/compute-outcome.js';
import { formatDuration } from '../runbook/duration.js';

/**
 * The last line of a run: what happened and what to do next. The outcome comes from the whole journal
 * (computeOutcome), so a resumed run's line also lists what earlier sessions did and skipped.
 */
export function summarizeOutcome(outcome: ComputedOutcome, runId: string, runDir: string): string {
  const elapsed = formatDuration(outcome.elapsedMs ?? 0);
  const where = `Journal: ${join(runDir, 'journal.ndjson')}`;
  const headline = describeOutcomeHeadline(outcome);
  const counts = describeStepCounts(outcome);
  switch (outcome.outcome) {
    case 'succeeded':
      return `Run ${runId} finished in ${elapsed}: ${headline} — ${counts}. ${where}`;
    case 'aborted':
    case 'canceled':
      return `Run ${runId} ${headline} after ${elapsed} (${counts}). Fix the cause if there is one. Continue with: sso-failover resume ${runId}. ${where}`;
    default:
      return `Run ${runId} ${headline} after ${elapsed} (${counts}). ${where}`;
  }
}
