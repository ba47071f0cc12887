import type { EngineEvent, RunOutcome } from './events.js';
import { labelInstance, type StepTally, tallySteps } from './tally-steps.js';

/**
 * What a run came to, from its events alone: the run's outcome and what became of each step. The terminal's
 * last line, the report, `runs` and every `--json` read this one result, so they never disagree — also
 * after a resume, whose events follow the earlier sessions' in the same journal.
 */
export type ComputedOutcome = {
  outcome: RunOutcome | 'interrupted';
  /** the step the run stopped at (aborted, canceled, interrupted) */
  stoppedAt?: string;
  elapsedMs?: number;
  done: string[];
  /** done on paper while the tool was unavailable, then confirmed by their checks */
  doneOnPaper: string[];
  skipped: { stepId: string; reason: string }[];
  /** their `when` condition was false */
  notNeeded: string[];
  /** a failure was recorded and never resolved (aborted there, or the run stopped at its failure menu) */
  failed: { stepId: string; reason: string }[];
  /** steps whose rollback succeeded (whatever became of them afterwards) */
  rolledBack: string[];
  /** steps that failed at least once and were then done (retried, rerun, accepted) */
  doneAfterFailure: string[];
  /** per step instance (a step repeated on 3 servers counts 3): for scripts */
  counts: {
    done: number;
    doneOnPaper: number;
    skipped: number;
    notNeeded: number;
    failed: number;
    rolledBack: number;
  };
  /** per runbook step, numbered as the screen numbers them: what every summary says */
  steps: StepTally;
  /** the runbook's step ids in order (from run-started) */
  stepIds: string[];
};

type StepRecord = {
  status: 'started' | 'done' | 'skipped' | 'not-needed' | 'aborted' | 'canceled';
  paper: boolean;
  /** the last failure not yet settled by a decision */
  pendingFailure?: string;
  failedOnce: boolean;
  rolledBack: boolean;
  skipReason?: string;
};

/** One pass over the journal's events; the last word on each step wins. */
export function computeOutcome(events: readonly EngineEvent[]): ComputedOutcome {
  const steps = new Map<string, StepRecord>();
  const stepFor = (id: string): StepRecord => {
    let record = steps.get(id);
    if (!record) {
      record = { status: 'started', paper: false, failedOnce: false, rolledBack: false };
      steps.set(id, record);
    }
    return record;
  };
  let finished: Extract<EngineEvent, { type: 'run-finished' }> | undefined;
  let lastStarted: string | undefined;
  let stepIds: string[] = [];
  for (const event of events) foldEvent(event);
  return summarize();

  function foldEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'run-started':
        stepIds = event.runbook.stepIds;
        return;
      case 'run-resumed':
        finished = undefined;
        return;
      case 'run-finished':
        finished = event;
        if (event.stepId && (event.outcome === 'aborted' || event.outcome === 'canceled')) {
          const record = stepFor(event.stepId);
          if (record.status === 'started') record.status = event.outcome;
        }
        return;
      case 'step-started': {
        const record = stepFor(event.stepId);
        record.status = 'started';
        lastStarted = event.stepId;
        return;
      }
      case 'check-failed':
        if ((event as { optional?: boolean }).optional) return;
        failAt(
          event.stepId,
          `${event.label} on ${event.host}: expected ${event.expected}; got ${event.observed}`,
        );
        return;
      case 'action-finished':
        if (!(event.met ?? event.ok) && !event.rollback) failAt(event.stepId, describeFailedCommand(event));
        return;
      case 'step-failed':
        failAt(event.stepId, event.reason);
        return;
      case 'failure-decided': {
        const record = stepFor(event.stepId);
        if (event.choice === 'abort') record.status = 'aborted';
        else record.pendingFailure = undefined;
        return;
      }
      case 'step-rolled-back':
        stepFor(event.stepId).rolledBack = true;
        return;
      case 'steps-marked-done':
        // Done on paper counts as done unless its checks then fail and the operator aborts there.
        for (const id of event.stepIds) settle(id, 'done').paper = true;
        return;
      case 'step-finished':
        settle(event.stepId, 'done');
        return;
      case 'step-skipped':
        settle(event.stepId, 'skipped').skipReason = event.reason;
        return;
      case 'step-not-applicable':
        settle(event.stepId, 'not-needed');
        return;
      default:
        return;
    }
  }

  function failAt(stepId: string, reason: string): void {
    const record = stepFor(stepId);
    record.pendingFailure = reason;
    record.failedOnce = true;
  }

  function settle(stepId: string, status: StepRecord['status']): StepRecord {
    const record = stepFor(stepId);
    record.status = status;
    record.pendingFailure = undefined;
    return record;
  }

  function summarize(): ComputedOutcome {
    const outcome = finished?.outcome ?? 'interrupted';
    const pick = (test: (r: StepRecord) => boolean) =>
      [...steps.entries()].filter(([, r]) => test(r)).map(([id]) => id);
    const done = pick((r) => r.status === 'done' && !r.paper);
    const doneOnPaper = pick((r) => r.status === 'done' && r.paper);
    const skipped = [...steps.entries()]
      .filter(([, r]) => r.status === 'skipped')
      .map(([stepId, r]) => ({ stepId, reason: r.skipReason ?? '' }));
    const notNeeded = pick((r) => r.status === 'not-needed');
    const failed = [...steps.entries()]
      .filter(([, r]) => r.status === 'aborted' || (r.status === 'started' && r.pendingFailure !== undefined))
      .map(([stepId, r]) => ({ stepId, reason: r.pendingFailure ?? 'the run was aborted here' }));
    const rolledBack = pick((r) => r.rolledBack);
    const doneAfterFailure = pick((r) => r.status === 'done' && r.failedOnce);
    const stoppedAt =
      finished?.stepId ??
      (outcome === 'interrupted' && lastStarted && isOpen(lastStarted) ? lastStarted : undefined);
    return {
      outcome,
      ...(stoppedAt ? { stoppedAt } : {}),
      ...(finished ? { elapsedMs: finished.elapsedMs } : {}),
      done,
      doneOnPaper,
      skipped,
      notNeeded,
      failed,
      rolledBack,
      doneAfterFailure,
      counts: {
        done: done.length,
        doneOnPaper: doneOnPaper.length,
        skipped: skipped.length,
        notNeeded: notNeeded.length,
        failed: failed.length,
        rolledBack: rolledBack.length,
      },
      steps: tallySteps(
        { done, doneOnPaper, skipped, notNeeded, failed, rolledBack, doneAfterFailure, stoppedAt },
        stepIds,
      ),
      stepIds,
    };
  }

  function isOpen(stepId: string): boolean {
    return steps.get(stepId)?.status === 'started';
  }
}

function describeFailedCommand(event: Extract<EngineEvent, { type: 'action-finished' }>): string {
  if (event.timedOut) return 'the action timed out';
  if (event.canceled) return 'the action was canceled';
  return `the action ended with exit code ${event.exitCode}`;
}

/**
 * `27 of 30 steps done, 1 of them after a failure (step 17 restore-…), 1 skipped (step 10 check-msdtc: reason),
 * 2 not needed`: the counts in words, per runbook step as the screen numbers them.
 */
export function describeStepCounts(outcome: ComputedOutcome): string {
  const steps = outcome.steps;
  const parts = [steps.total ? `${steps.done} of ${steps.total} steps done` : `${steps.done} step(s) done`];
  if (steps.doneOnPaper) parts.push(`${steps.doneOnPaper} of them on paper`);
  if (steps.doneAfterFailure.length)
    parts.push(
      `${steps.doneAfterFailure.length} of them after a failure (${steps.doneAfterFailure.join(', ')})`,
    );
  if (steps.skipped.length)
    parts.push(`${steps.skipped.length} skipped (${steps.skipped.map(describeSkip).join('; ')})`);
  if (steps.rolledBack.length)
    parts.push(`${steps.rolledBack.length} rolled back (${steps.rolledBack.join(', ')})`);
  if (steps.failed.length)
    parts.push(
      `${steps.failed.length} failed (${steps.failed.map((f) => `${f.label}: ${f.reason}`).join('; ')})`,
    );
  if (steps.notNeeded) parts.push(`${steps.notNeeded} not needed`);
  return parts.join(', ');
}

/** `27/30 done · 1 skipped · 2 not needed`: the counts alone, for tables (`runs`). */
export function describeCountsBriefly(outcome: ComputedOutcome): string {
  const { total, done, doneOnPaper, skipped, notNeeded, failed, rolledBack } = outcome.steps;
  const parts = [total ? `${done}/${total} done` : `${done} done`];
  if (doneOnPaper) parts.push(`${doneOnPaper} on paper`);
  if (skipped.length) parts.push(`${skipped.length} skipped`);
  if (rolledBack.length) parts.push(`${rolledBack.length} rolled back`);
  if (failed.length) parts.push(`${failed.length} failed`);
  if (notNeeded) parts.push(`${notNeeded} not needed`);
  return parts.join(' · ');
}

function describeSkip(skip: { label: string; reason: string }): string {
  return skip.reason ? `${skip.label}: ${skip.reason}` : skip.label;
}

/** The outcome in a few words, the same everywhere: `succeeded with 2 step(s) skipped`, `aborted at step 14 x`. */
export function describeOutcomeHeadline(outcome: ComputedOutcome): string {
  const at = outcome.stoppedAt ? ` at ${labelInstance(outcome.stoppedAt, outcome.stepIds)}` : '';
  switch (outcome.outcome) {
    case 'succeeded': {
      const { skipped, failed, rolledBack, notNeeded } = outcome.steps;
      if (skipped.length) return `succeeded with ${skipped.length} step(s) skipped`;
      if (failed.length || rolledBack.length) return 'succeeded';
      // "every step done" beside "28 of 30 steps done" reads as a contradiction: the other 2 were not needed.
      return notNeeded ? 'succeeded: every step done or not needed' : 'succeeded: every step done';
    }
    case 'aborted':
      return `aborted${at}; nothing after it ran`;
    case 'canceled':
      return `canceled${at}`;
    case 'interrupted':
      return `interrupted${at}: the journal ends without the run finishing`;
    default:
      return `failed${at}`;
  }
}

/** Headline and counts: `succeeded with 1 step(s) skipped — 4 of 5 steps done, 1 skipped (step 2 x: reason)`. */
export function describeComputedOutcome(outcome: ComputedOutcome): string {
  return `${describeOutcomeHeadline(outcome)} — ${describeStepCounts(outcome)}`;
}
