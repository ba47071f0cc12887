import type { Environment } from '../runbook/environment-schema.js';
import type { Runbook } from '../runbook/schema.js';
import { type EventBody, stampEvent } from './events.js';
import type { Approver, Clock, EventSink, Operator, SecretRegistry, Transport } from './ports.js';

/** The ports a run is wired to. */
export type EngineDeps = {
  operator: Operator;
  transport: Transport;
  emit: EventSink;
  clock: Clock;
  secrets: SecretRegistry;
  /** the environment's two-person rule (policy.approvals): who approves destructive actions */
  approver?: Approver;
  /** aborted on Ctrl+C / SIGTERM: prompts and commands stop */
  signal?: AbortSignal;
};

/** The state of one run, shared by its steps. */
export type RunContext = {
  runId: string;
  runbook: Runbook;
  runbookFile: string;
  environment: Environment;
  environmentFile?: string;
  /** every variable known so far: environment vars, built-ins, inputs, captures */
  variables: Record<string, string>;
  /** names of variables that hold secrets */
  secretKeys: Set<string>;
  /** wall-clock start, for elapsed time against the RTO */
  startedAtMs: number;
  /** the OS account and machine running this session (user@machine), for the journal and hand-offs */
  account?: string;
  /** ids of steps done so far (forEach instances also mark their step's own id) */
  done: Set<string>;
};

export function emitEvent(deps: EngineDeps, body: EventBody): void {
  deps.emit(stampEvent(body, Date.now()));
}
