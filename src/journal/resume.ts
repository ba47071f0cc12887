import { type ComputedOutcome, computeOutcome } from '../engine/compute-outcome.js';
import type { EngineEvent } from '../engine/events.js';
import type { StepResume } from '../engine/run-step.js';
import type { JournalRecord } from './journal.js';

export type RunState = 'running' | 'interrupted' | 'finished' | 'failed' | 'aborted' | 'canceled';

/** Where to pick a half-done step up (see StepResume). */
export type ResumePoint = StepResume & { stepId: string };

export type RunSummary = {
  runId: string;
  runbookId: string;
  runbookTitle: string;
  runbookFile: string;
  runbookSha256: string;
  environment: string;
  environmentFile?: string;
  drill: boolean;
  operator: string;
  /** who has the run now: the last session's OS account (else its operator), or whom it was handed to */
  currentOperator: string;
  startedAt: string;
  /** engine clock at the start (lab time in drills) */
  startedClockMs: number;
  endedAt?: string;
  state: RunState;
  /** the last step that started */
  lastStepId?: string;
  /** steps finished or skipped (with a reason): never run again */
  completed: string[];
  /** non-secret inputs and captured values, restored on resume */
  variables: Record<string, string>;
  /** secrets that were entered; never stored, so asked again */
  secretInputs: string[];
  resumeAt?: ResumePoint;
  /** what became of the run and each step: the same result the terminal and the report show */
  computed: ComputedOutcome;
};

/**
 * Rebuild what a run did, and what to do next, from its journal alone. Pure: no I/O,
 * so it is tested on crafted journals and gives the same answer every time.
 */
export function summarizeRun(records: readonly JournalRecord[], tornTail?: string): RunSummary | undefined {
  const events = records.map((r) => r.event);
  const started = events.find(
    (e): e is Extract<EngineEvent, { type: 'run-started' }> => e.type === 'run-started',
  );
  if (!started) return undefined;
  const summary: RunSummary = {
    runId: started.runId,
    runbookId: started.runbook.id,
    runbookTitle: started.runbook.title,
    runbookFile: started.runbook.file,
    runbookSha256: started.runbook.sha256,
    environment: started.environment,
    ...(started.environmentFile ? { environmentFile: started.environmentFile } : {}),
    drill: started.drill,
    operator: started.operator,
    currentOperator: started.account ?? started.operator,
    startedAt: started.at,
    startedClockMs: started.clockMs,
    state: 'interrupted',
    completed: [],
    variables: {},
    secretInputs: [],
    computed: computeOutcome(events),
  };
  let open: Open;
  for (const event of events) apply(summary, event, (next) => (open = next(open)));
  const done = new Set(summary.completed);
  // A record cut off mid-write may have been the intent of an action: that step is in doubt, never "not started".
  if (open && tornTail !== undefined && couldBeIntent(tornTail))
    open = {
      ...open,
      attempt: open.attempt ?? 1,
      sinceMs: open.sinceMs ?? summary.startedClockMs,
      failed: false,
      torn: {
        command: tornField(tornTail, 'command') ?? 'an action whose journal record was cut off mid-write',
        host: tornField(tornTail, 'host') ?? open.host ?? 'its host',
      },
    };
  if (open && !done.has(open.stepId) && summary.state !== 'finished') summary.resumeAt = resumePoint(open);
  return summary;
}

/** The step in progress and its current action attempt. */
type Open =
  | {
      stepId: string;
      host?: string;
      attempt?: number;
      sinceMs?: number;
      finished: number;
      inFlight?: Extract<EngineEvent, { type: 'action-started' }>;
      failed?: boolean;
      /** a recorded failure no decision settled yet: resume reopens the failure menu with it */
      failure?: { phase: Extract<EngineEvent, { type: 'step-failed' }>['phase']; reason: string };
      /** the torn last line of the journal, read as a possible intent */
      torn?: { command: string; host: string };
    }
  | undefined;

function apply(summary: RunSummary, event: EngineEvent, update: (next: (open: Open) => Open) => void): void {
  switch (event.type) {
    case 'input-provided':
      if (event.secret) summary.secretInputs.push(event.key);
      else if (event.value !== undefined) summary.variables[event.key] = event.value;
      return;
    case 'variable-captured':
      summary.variables[event.name] = event.value;
      return;
    case 'step-started':
      summary.lastStepId = event.stepId;
      // The same step started again by a resume keeps its unsettled failure until a decision settles it.
      update((open) =>
        open?.stepId === event.stepId && open.failure
          ? open
          : { stepId: event.stepId, finished: 0, ...(event.host ? { host: event.host } : {}) },
      );
      return;
    case 'action-started':
      if (!event.rollback) update((open) => open && startCommand(open, event));
      return;
    case 'action-finished':
      if (!event.rollback)
        update(
          (open) =>
            open && {
              ...open,
              inFlight: undefined,
              finished: event.ok ? event.commandIndex + 1 : open.finished,
              failed: !event.ok,
            },
        );
      return;
    case 'step-failed':
      update((open) => open && { ...open, failure: { phase: event.phase, reason: event.reason } });
      return;
    case 'failure-decided':
      update((open) => open && { ...open, failure: undefined });
      return;
    case 'step-rolled-back':
      update((open) => open && { stepId: open.stepId, host: open.host, finished: 0 });
      return;
    case 'step-finished':
    case 'step-skipped':
      summary.completed.push(event.stepId);
      update(() => undefined);
      return;
    case 'run-handed-over':
      summary.currentOperator = event.to;
      return;
    case 'run-resumed':
      summary.currentOperator = event.account ?? event.operator;
      summary.state = 'interrupted';
      summary.endedAt = undefined;
      return;
    case 'run-finished':
      summary.state =
        event.outcome === 'succeeded'
          ? 'finished'
          : event.outcome === 'canceled'
            ? 'canceled'
            : event.outcome;
      summary.endedAt = event.at;
      return;
  }
}

function startCommand(
  open: NonNullable<Open>,
  event: Extract<EngineEvent, { type: 'action-started' }>,
): Open {
  // A new attempt (retry, rerun) starts the count again.
  if (open.attempt !== event.attempt || event.commandIndex === 0) {
    return {
      ...open,
      attempt: event.attempt,
      sinceMs: event.clockMs,
      finished: event.commandIndex,
      inFlight: event,
      failed: false,
    };
  }
  // Commands of an action run in order and a failure stops it: a command starting means those before it finished.
  return { ...open, finished: event.commandIndex, inFlight: event };
}

function resumePoint(open: NonNullable<Open>): ResumePoint | undefined {
  // The session died at the failure menu: the failure stands, and the operator decides on resume.
  if (open.failure)
    return {
      stepId: open.stepId,
      sinceMs: open.sinceMs ?? 0,
      finishedCommands: open.finished,
      failure: open.failure,
    };
  if (open.attempt === undefined || open.sinceMs === undefined || open.failed) return undefined;
  return {
    stepId: open.stepId,
    sinceMs: open.sinceMs,
    finishedCommands: open.finished,
    ...(open.inFlight ? { inFlight: { command: open.inFlight.command, host: open.inFlight.host } } : {}),
    ...(open.torn ? { inFlight: open.torn } : {}),
  };
}

/** A torn line is an intent unless what survives of it names another type (or a rollback). */
function couldBeIntent(torn: string): boolean {
  const type = tornField(torn, 'type');
  return (type === undefined || type === 'action-started') && !torn.includes('"rollback":true');
}

/** A string field that survived whole in a torn record. */
function tornField(torn: string, name: string): string | undefined {
  const match = new RegExp(`"${name}":("(?:[^"\\\\]|\\\\.)*")`).exec(torn);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as string;
  } catch {
    return undefined;
  }
}

/** Any run that did not finish can be resumed (an aborted one too, once the cause is fixed). */
export function isResumable(summary: RunSummary): boolean {
  return summary.state !== 'finished';
}
