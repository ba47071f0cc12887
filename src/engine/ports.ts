/**
 * The engine's seams. The engine never touches a terminal, a process or a file directly:
 * it talks to an Operator, a Transport and an event sink, all defined here.
 */
import type { EngineEvent, FailureChoiceName, FailurePhaseName } from './events.js';

/** What running one command produced. Command failures are values, not exceptions. */
export type ExecResult = {
  ok: boolean;
  /** null when the process never started or was killed by a signal */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  canceled: boolean;
  /** why the command could not run at all (ENOENT, host unreachable, ...) */
  error?: string;
  /**
   * How much the command printed in all, when the transport counted it: stdout/stderr above may hold only
   * its start and end (a line between them says what was left out).
   */
  printed?: { stdout: OutputSize; stderr: OutputSize };
};

export type OutputSize = { bytes: number; lines: number };

export type ExecOptions = {
  /** written to the command's stdin; the only way a secret reaches a command */
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** attach the command to the operator's terminal (password prompts of the real tools) */
  interactive?: boolean;
};

export type ServiceState = 'running' | 'stopped' | 'start-pending' | 'stop-pending' | 'missing';

/** Typed probes: each transport maps them to concrete commands (PowerShell, the lab model, ...). */
export type Probe =
  | { kind: 'service'; name: string; state: ServiceState }
  | { kind: 'file'; path: string; exists: boolean; maxAgeSec?: number; sha256?: string }
  | { kind: 'port'; host: string; port: number }
  | {
      kind: 'event';
      /** any of these event IDs */
      ids: number[];
      source: string;
      /** epoch ms; only entries written at or after this instant count */
      sinceMs: number;
      /** regex the message must match */
      message?: string;
      /** true: the entry must be present; false: it must be absent */
      present: boolean;
    }
  | { kind: 'registry'; key: string; exists: boolean };

export type ProbeResult = {
  ok: boolean;
  /** what was seen, in words an operator understands */
  observed: string;
};

export interface Transport {
  /** how a host is reached, for plan output and errors ("lab host BTS01", "ssh ops@10.0.0.5") */
  describe(host: string): string;
  exec(host: string, argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  probe(host: string, probe: Probe, options?: { signal?: AbortSignal }): Promise<ProbeResult>;
  writeFile(
    host: string,
    path: string,
    content: string,
    options?: { signal?: AbortSignal },
  ): Promise<ExecResult>;
  /** how the command would be typed on that host, for plan/confirm/export */
  render(host: string, argv: readonly string[]): string;
}

/**
 * retry: run the failed part again (pre-checks, or the action); rerun: after failed post-checks, run the
 * action again and then the checks; skip: go on without this step (a reason is required);
 * accept: after a crash mid-action, treat the action as done (its post-checks decide the rest);
 * enter: a value the step needs was never set (its capturing step was skipped): type it in.
 */
export type FailureChoice = FailureChoiceName;
export type FailurePhase = FailurePhaseName;

export type InputRequest = {
  key: string;
  type: 'string' | 'host' | 'path' | 'choice' | 'boolean' | 'secret';
  prompt: string;
  default?: string | boolean;
  choices?: string[];
  pattern?: string;
  /** for secret inputs that create a new secret: ask twice */
  confirm?: boolean;
  /** answers that are not allowed (already removed from choices) */
  exclude?: string[];
  /** returns an error message or true */
  validate?: (value: string | boolean) => string | true;
  stepId?: string;
};

/** Everything the engine asks a human. A terminal, an answers file or a test script implements it. */
export interface Operator {
  /** show text (instructions, check results); never asks anything */
  show(message: OperatorMessage): void;
  ask(request: InputRequest): Promise<string | boolean>;
  /** yes/no before an action; destructive ones default to No */
  confirm(request: { stepId: string; message: string; destructive: boolean }): Promise<boolean>;
  /** the failure menu: what to do about a failed step */
  chooseOnFailure(request: {
    stepId: string;
    phase: FailurePhase;
    reason: string;
    choices: readonly FailureChoice[];
    /** in-doubt only: whether every post-check of the step passed after the interruption */
    checksPassed?: boolean;
    /** in-doubt only: false when the step has no post-check, so only the operator can confirm it */
    checked?: boolean;
  }): Promise<FailureChoice>;
  /** free-text reason (skip); never empty */
  reason(request: { stepId: string; prompt: string }): Promise<string>;
  /** a manual action the operator performs, then confirms it was done */
  manual(request: { stepId: string; instructions: string }): Promise<boolean>;
  /** who is answering, for the journal ("alice@JUMP01", "answers file x.yaml") */
  identity(): string;
}

/** What a second person is asked to approve: the step, where it runs and exactly what runs. */
export type ApprovalRequest = {
  runId: string;
  requestId: string;
  stepId: string;
  title: string;
  host: string;
  command: string;
  requestedBy: string;
  /** approvals needed from people other than the operator (and from each other) */
  needed: number;
};

export type ApprovalDecision = {
  approved: boolean;
  /** the approver's account, as the approvals folder proves it */
  by: string;
  reason?: string;
  machine?: string;
  /** a drill's autopilot decided, not a person */
  autopilot?: boolean;
};

/**
 * The two-person rule's seam: asks for approval and waits until `needed` different people approved or one
 * denied (the last decision), or the signal aborts (then it rejects). A shared folder, a drill's autopilot or
 * a test implements it.
 */
export interface Approver {
  requestApproval(request: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalDecision[]>;
}

export type OperatorMessage =
  | {
      kind: 'header';
      runbook: string;
      step: number;
      total: number;
      title: string;
      elapsedMs: number;
      rtoMs?: number;
      /** a step repeated per server: this server, and its place among them */
      instance?: { host: string; position: number; count: number };
    }
  | { kind: 'instructions'; text: string }
  | { kind: 'check'; ok: boolean; label: string; expected: string; observed: string; informational?: boolean }
  | {
      kind: 'command';
      host: string;
      rendered: string;
      /** lines the runbook types into the command (its stdin), counted, never shown */
      typedLines?: number;
    }
  | {
      kind: 'output';
      text: string;
      stream: 'stdout' | 'stderr';
      /** how many lines the command printed on this stream, when more than `text` holds */
      printedLines?: number;
    }
  | { kind: 'info'; text: string }
  | { kind: 'warning'; text: string }
  | { kind: 'failure'; stepId: string; phase: FailurePhase; reason: string }
  | {
      kind: 'waiting';
      text: string;
      /** waited so far and the limit, on the engine's clock (lab time in drills) */
      elapsedMs: number;
      timeoutMs: number;
      /** what is awaited, where, and what was seen last */
      label?: string;
      host?: string;
      observed?: string;
      /** waited so far in real time: the same clock as the header's elapsed time */
      wallElapsedMs?: number;
      /** the engine's clock is a lab's, faster than real time: its times are lab times */
      labClock?: boolean;
    }
  | { kind: 'summary'; ok: boolean; text: string };

export type EventSink = (event: EngineEvent) => void;

/** Time is a port too, so the lab and tests control waiting. */
/** Secret values are registered here as soon as they are known, so every sink can scrub them. */
export interface SecretRegistry {
  register(value: string): void;
}

export interface Clock {
  /** the transport's time (lab time in drills): waits, timeouts and event-log windows use it */
  now(): number;
  /** wall-clock time: elapsed time against the RTO budget is always real */
  wallNow(): number;
  /** the transport's time at a wall-clock instant */
  fromWall(wallMs: number): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** how many times faster than real time `now()` runs (a drill's lab); 1 or absent for real time */
  readonly scale?: number;
}
