import type { ComputedOutcome } from '../engine/compute-outcome.js';
import type { CheckPhase, EngineEvent, RunOutcome } from '../engine/events.js';

type ActionFinished = Extract<EngineEvent, { type: 'action-finished' }>;

/** What a step came to, for the report's colours and words. */
export type StepStatus =
  | 'done'
  | 'skipped'
  | 'not-applicable'
  | 'marked-done'
  | 'aborted'
  | 'canceled'
  | 'interrupted';

/** One thing that happened in a step, in journal order. */
export type StepEntry =
  | {
      kind: 'check';
      at: string;
      ok: boolean;
      phase: CheckPhase;
      label: string;
      host: string;
      expected: string;
      observed: string;
      optional: boolean;
    }
  | { kind: 'input'; at: string; key: string; secret: boolean; value?: string }
  | { kind: 'captured'; at: string; name: string; value: string }
  | { kind: 'confirmation'; at: string; given: boolean; by: string }
  /** the two-person rule: the action waited for a second person */
  | {
      kind: 'approval-requested';
      at: string;
      host: string;
      command: string;
      requestedBy: string;
      needed: number;
    }
  | {
      kind: 'approval';
      at: string;
      approved: boolean;
      by: string;
      reason?: string;
      machine?: string;
      autopilot?: boolean;
    }
  | {
      kind: 'action';
      at: string;
      endAt?: string;
      actionKind: 'run' | 'write' | 'manual';
      host: string;
      command: string;
      rollback: boolean;
      attempt: number;
      /** the action-finished event's outcome, as journaled */
      result?: Pick<
        ActionFinished,
        'ok' | 'met' | 'exitCode' | 'durationMs' | 'stdout' | 'stderr' | 'timedOut' | 'canceled'
      >;
      /** confirmed by (manual actions: who said it was done) */
      by?: string;
    }
  | { kind: 'decision'; at: string; phase: string; choice: string; reason: string; by: string }
  | { kind: 'skipped'; at: string; reason: string; by: string }
  | { kind: 'failed'; at: string; phase: string; reason: string }
  | { kind: 'rolled-back'; at: string }
  | { kind: 'interrupted'; at: string; inFlight?: string }
  /** checked: post-checks ran after it (false: no check could confirm the step; the operator decided) */
  | { kind: 'in-doubt'; at: string; by: string; checked?: boolean }
  | { kind: 'marked-done'; at: string; by: string; note: string; doneAt?: string; initials?: string }
  | { kind: 'not-applicable'; at: string; condition: string };

/** A span of wall time on the timeline. */
export type Span = { fromMs: number; toMs: number };

export type StepView = {
  id: string;
  title: string;
  /** the runbook step's number, as the screen showed it ("Step 16 of 26") */
  number?: number;
  total?: number;
  /** a step repeated per server: its place among the servers the run reached ("BTS02, 2 of 2 servers") */
  instance?: { host: string; position: number; count: number };
  phase?: string;
  host?: string;
  status: StepStatus;
  /** one span per time the step was started (a step interrupted by a crash and started again has two) */
  spans: Span[];
  /** time spent waiting for the operator (prompts open) */
  waits: Span[];
  /** instants worth a mark on the timeline */
  marks: { atMs: number; kind: 'retry' | 'failure' | 'rollback' }[];
  entries: StepEntry[];
  retries: number;
  rolledBack: boolean;
  /** resumed after a crash mid-action; how the operator settled it is in entries */
  inDoubt: boolean;
  durationMs: number;
};

export type Session = {
  kind: 'started' | 'resumed';
  at: string;
  operator: string;
  /** resumed: the step whose action may have half-run */
  inDoubt?: string;
  resumeAt?: string;
  /** `resume --handoff`: the operator this session took the run over from */
  handedOverFrom?: string;
};

export type DrillGrade = {
  passed: boolean;
  criteria: { name: string; passed: boolean; detail: string }[];
  faults: string[];
  elapsedMs?: number;
  /** how long the same run takes on real servers, the lab's waits at their modelled length */
  labElapsedMs?: number;
  outcome?: string;
};

/** Everything a report shows, built from the journal alone (plus the drill grade). */
export type RunView = {
  runId: string;
  runbook: { id: string; title: string; file: string; sha256: string };
  environment: string;
  drill: boolean;
  operators: string[];
  sessions: Session[];
  startedAt: string;
  endedAt?: string;
  outcome: RunOutcome | 'interrupted';
  /** the outcome and step counts every summary shows (computeOutcome over the whole journal) */
  computed: ComputedOutcome;
  /** the step the run stopped at (aborted, canceled) */
  stoppedAt?: string;
  message?: string;
  elapsedMs: number;
  rtoMs: number;
  /** run-level inputs (not tied to a step) */
  inputs: Extract<StepEntry, { kind: 'input' }>[];
  steps: StepView[];
  /** runbook steps that never started (titles from the runbook file when it is unchanged) */
  notReached: { id: string; title?: string }[];
  /** gaps between a session's last record and the next session's start */
  interruptions: Span[];
  grade?: DrillGrade;
  /** the command that continues this run from the operator's terminal (see resumeCommandLine) */
  resumeCommand?: string;
  /** what an incident manager asks first (the runbook's `headline`): a value, or the variables never reached */
  headline: { label: string; value?: string; missing?: string[] }[];
};
