import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createClock } from '../engine/clock.js';
import type { EngineDeps, RunContext } from '../engine/engine-context.js';
import type { EngineEvent } from '../engine/events.js';
import type { Clock, Operator, OperatorMessage, Transport } from '../engine/ports.js';
import { type RunResult, runRunbook } from '../engine/run-runbook.js';
import { ExitCode } from '../exit-codes.js';
import { openJournal } from '../journal/journal.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createChalk, formatMessage } from '../operator/format-message.js';
import { createRedactor, type Redactor } from '../operator/redact.js';
import type { Environment } from '../runbook/environment-schema.js';
import { formatDuration } from '../runbook/duration.js';
import type { LoadedRunbook } from '../runbook/load-runbook.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { trapSignals } from './signals.js';

export type OperatorFactory = (tools: {
  redactor: Redactor;
  signal: AbortSignal;
  show: (m: OperatorMessage) => void;
}) => Operator;

export type ExecuteRunOptions = {
  loaded: LoadedRunbook;
  environment: Environment;
  vars: Record<string, string>;
  createOperator: OperatorFactory;
  stateDir?: string;
  transport?: Transport;
  /** extra sinks (e.g. the drill's report) get the same redacted events */
  onEvent?: (event: EngineEvent) => void;
  quiet?: boolean;
};

export type ExecutedRun = { exitCode: number; runId: string; runDir: string; result: RunResult };

/** Wire a run to its ports — operator, transport, journal, clock, signals — run it, and map the outcome to an exit code. */
export async function executeRun(options: ExecuteRunOptions): Promise<ExecutedRun> {
  const { loaded, environment } = options;
  const runId = createRunId(loaded.runbook.id);
  const runDir = join(resolveStateDir(options.stateDir), 'runs', runId);
  const redactor = createRedactor();
  const c = createChalk(process.stdout);
  const show = (message: OperatorMessage) => {
    if (!options.quiet || message.kind === 'summary')
      process.stdout.write(`${redactor.redact(formatMessage(message, c))}\n`);
  };
  const signals = trapSignals();
  const journal = openJournal(runDir);
  const clock: Clock = environment.lab
    ? createClock(environment.lab.timeScale, environment.lab.epochMs)
    : createClock();
  const deps: EngineDeps = {
    operator: options.createOperator({ redactor, signal: signals.signal, show }),
    transport: options.transport ?? createEnvironmentTransport(environment),
    emit: (event) => {
      const clean = redactor.redactDeep(event);
      journal.append(clean);
      options.onEvent?.(clean);
    },
    clock,
    secrets: redactor,
    signal: signals.signal,
  };
  const run: RunContext = {
    runId,
    runbook: loaded.runbook,
    runbookFile: loaded.file,
    environment,
    variables: { ...environment.vars, ...options.vars, runId, environment: environment.name },
    secretKeys: new Set(),
    startedAtMs: clock.now(),
    done: new Set(),
  };
  try {
    const result = await runRunbook(deps, run, {
      runbookSha256: createHash('sha256').update(loaded.text).digest('hex'),
    });
    const exitCode = exitCodeFor(result, signals.received());
    show({ kind: 'summary', ok: result.outcome === 'succeeded', text: summarize(result, runId, runDir) });
    return { exitCode, runId, runDir, result };
  } finally {
    journal.close();
    signals.release();
  }
}

function exitCodeFor(result: RunResult, signal: NodeJS.Signals | undefined): number {
  if (result.outcome === 'succeeded') return ExitCode.ok;
  if (result.outcome === 'canceled') return signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.canceled;
  return ExitCode.failed;
}

function summarize(result: RunResult, runId: string, runDir: string): string {
  const elapsed = formatDuration(result.elapsedMs);
  const where = `Journal: ${join(runDir, 'journal.ndjson')}`;
  switch (result.outcome) {
    case 'succeeded':
      return result.skipped.length
        ? `Run ${runId} finished in ${elapsed}, with ${result.skipped.length} step(s) skipped: ${result.skipped.join(', ')}. ${where}`
        : `Run ${runId} finished in ${elapsed}; every step done. ${where}`;
    case 'aborted':
      return `Run ${runId} aborted at step ${result.stoppedAt} after ${elapsed}. Nothing after that step ran. ${where}`;
    case 'canceled':
      return `Run ${runId} canceled after ${elapsed}; the journal records where it stopped. ${where}`;
    default:
      return `Run ${runId} failed after ${elapsed}. ${where}`;
  }
}

function createRunId(runbookId: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${runbookId.slice(0, 24)}-${randomBytes(2).toString('hex')}`;
}
