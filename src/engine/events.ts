/**
 * What the engine reports, as plain past-tense JSON. The journal stores these as they are
 * and reports are built from them, so fields are data, never formatted text for a terminal.
 */
export type CheckPhase = 'pre' | 'post';
export type FailureChoiceName = 'retry' | 'rerun' | 'skip' | 'rollback' | 'abort' | 'accept' | 'enter';
export type FailurePhaseName = 'pre' | 'confirm' | 'action' | 'post' | 'rollback' | 'in-doubt';
export type RunOutcome = 'succeeded' | 'failed' | 'aborted' | 'canceled';

type EventBody =
  | {
      type: 'run-started';
      runId: string;
      runbook: { id: string; title: string; file: string; sha256: string; stepIds: string[] };
      environment: string;
      /** the environment file, so resume can find the same hosts */
      environmentFile?: string;
      drill: boolean;
      operator: string;
      /** the OS account and machine the run was started from (user@machine) */
      account?: string;
      rtoMs: number;
      /** wall-clock ms at the start, so a resumed run keeps counting against the RTO */
      clockMs: number;
    }
  | {
      type: 'run-resumed';
      runId: string;
      operator: string;
      /** the OS account and machine this session runs under (user@machine) */
      account?: string;
      completed: string[];
      inDoubt?: string;
      resumeAt?: string;
    }
  /** `resume --handoff`: from here on the run is someone else's; both are user@machine */
  | { type: 'run-handed-over'; runId: string; from: string; to: string }
  /** steps done on paper while the tool was unavailable, entered on resume from the printed checklist */
  | {
      type: 'steps-marked-done';
      stepIds: string[];
      by: string;
      note: string;
      doneAt?: string;
      initials?: string;
    }
  | { type: 'input-provided'; key: string; stepId?: string; secret: boolean; value?: string }
  | {
      type: 'step-started';
      stepId: string;
      title: string;
      index: number;
      total: number;
      host?: string;
      phase?: string;
    }
  | {
      type: 'check-passed' | 'check-failed';
      stepId: string;
      phase: CheckPhase;
      label: string;
      host: string;
      expected: string;
      observed: string;
    }
  | { type: 'confirmation-given' | 'confirmation-declined'; stepId: string; by: string }
  /**
   * The environment's two-person rule: a destructive action waits for a second person. `requestId` names the
   * request in the approvals folder; `needed` is how many approvals (besides the operator's confirm) it takes.
   */
  | {
      type: 'approval-requested';
      stepId: string;
      requestId: string;
      host: string;
      command: string;
      requestedBy: string;
      needed: number;
    }
  /**
   * A second person's decision, read and verified by the waiting run. `by` is the account the approvals
   * folder's file belongs to (its owner, not what the file claims); `autopilot`: a drill's autopilot decided.
   */
  | {
      type: 'approval-decided';
      stepId: string;
      requestId: string;
      approved: boolean;
      by: string;
      reason?: string;
      autopilot?: boolean;
      /** where the approver says they were (the machine name is claimed, not verified) */
      machine?: string;
    }
  | {
      type: 'action-started';
      stepId: string;
      kind: 'run' | 'write' | 'manual';
      host: string;
      command: string;
      rollback: boolean;
      attempt: number;
      /** position of this command in the action (a write counts as one) */
      commandIndex: number;
      /** engine clock (lab time in drills) when it started; resume looks for events from here */
      clockMs: number;
    }
  | {
      type: 'action-finished';
      stepId: string;
      rollback: boolean;
      ok: boolean;
      /**
       * the command met its `expect` (robocopy's exit 1 when `expect: { exitCode: 1 }`); absent in journals
       * written before it was recorded, and for writes and manual actions (then `ok` says it)
       */
      met?: boolean;
      exitCode: number | null;
      durationMs: number;
      stdout: string;
      stderr: string;
      timedOut: boolean;
      canceled: boolean;
      attempt: number;
      commandIndex: number;
    }
  | { type: 'variable-captured'; stepId: string; name: string; value: string }
  | {
      type: 'failure-decided';
      stepId: string;
      phase: string;
      choice: FailureChoiceName;
      reason: string;
    }
  /** a phase of the step failed; the failure menu follows (resume reopens it if the run dies there) */
  | { type: 'step-failed'; stepId: string; phase: FailurePhaseName; reason: string }
  | { type: 'step-skipped'; stepId: string; reason: string; by: string }
  | { type: 'step-not-applicable'; stepId: string; condition: string }
  | { type: 'step-rolled-back'; stepId: string }
  /** the engine is waiting for the operator (closed by the step's next event); for "waiting" alerts and reports */
  | {
      type: 'prompt-opened';
      stepId?: string;
      prompt: 'input' | 'confirm' | 'failure-menu' | 'reason' | 'manual';
      text: string;
    }
  | { type: 'step-finished'; stepId: string; durationMs: number }
  | { type: 'run-finished'; outcome: RunOutcome; elapsedMs: number; stepId?: string; message?: string };

export type EngineEvent = EventBody & { at: string };

/** Output kept in the journal per stream of a command; the rest is summarised. */
export const KEPT_OUTPUT_CHARS = 8000;
export type EngineEventType = EngineEvent['type'];

/** Stamp an event body with the time it happened. */
export function stampEvent(body: EventBody, nowMs: number): EngineEvent {
  return { ...body, at: new Date(nowMs).toISOString() } as EngineEvent;
}

export type { EventBody };
