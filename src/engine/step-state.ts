/** The state a step carries through its phases, and how an interrupted one is picked up. */
import type { FailurePhase } from './ports.js';

export type StepOutcome = 'done' | 'skipped' | 'aborted';

export type Phase = 'pre' | 'confirm' | 'action' | 'post' | 'rollback' | 'rolled-back';

/** skip: commands of the action already done in an interrupted attempt */
export type StepState = {
  phase: Phase;
  attempt: number;
  sinceMs: number;
  skip: number;
  /** what the last failed rollback showed */
  rollbackFailure?: string;
  /** variables the step needs that no earlier step set: the operator enters them, skips or aborts */
  missing?: string[];
};

export type Failure = { phase: FailurePhase; reason: string };

/**
 * How a step interrupted by a crash is picked up (journal/resume.ts builds it): its action attempt had
 * started; `finishedCommands` of its commands (a write counts as one) had finished, and `inFlight` is the
 * one that never reported back — it may have half-run.
 */
export type StepResume = {
  /** engine clock when the attempt's first command started: event checks look from here */
  sinceMs: number;
  finishedCommands: number;
  inFlight?: { command: string; host: string };
  /** the session died at this step's failure menu: reopen it with the recorded failure */
  failure?: Failure;
};
