import { hostname, userInfo } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createClock } from '../engine/clock.js';
import type { EngineDeps, RunContext } from '../engine/engine-context.js';
import { type ComputedOutcome, computeOutcome } from '../engine/compute-outcome.js';
import type { EngineEvent } from '../engine/events.js';
import type { Approver, EventSink, Operator, OperatorMessage, Transport } from '../engine/ports.js';
import { approvalsNeeded } from '../runbook/approval-policy.js';
import { createFolderApprover } from './create-folder-approver.js';
import { type RunResult, runRunbook } from '../engine/run-runbook.js';
import { InvalidInputError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { type JournalOptions, openJournal, readJournal } from '../journal/journal.js';
import type { RunSummary } from '../journal/resume.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createChalk, formatMessage } from '../operator/format-message.js';
import { createRedactor, type Redactor } from '../operator/redact.js';
import type { Environment } from '../runbook/environment-schema.js';
import type { LoadedRunbook } from '../runbook/load-runbook.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { guardStateFolder } from './guard-state-folder.js';
import { holdEnvironmentLock } from './hold-environment-lock.js';
import { type HeldLease, holdEnvironmentLease } from './hold-environment-lease.js';
import { type ResumeContext, resumeCommandLine } from './next-commands.js';
import { measureWaits, realServerTime } from './measure-waits.js';
import { formatReportPaths } from './report-paths.js';
import { restrictToOwner } from './restrict-to-owner.js';
import { exitCodeForSignal, trapSignals } from './signals.js';
import { summarizeOutcome } from './summarize-outcome.js';
import { drillReminder } from '../commands/readiness-drills.js';

export type OperatorFactory = (tools: {
  redactor: Redactor;
  signal: AbortSignal;
  show: (m: OperatorMessage) => void;
}) => Operator;

export type ExecuteRunOptions = {
  loaded: LoadedRunbook;
  environment: Environment;
  environmentFile?: string;
  vars: Record<string, string>;
  createOperator: OperatorFactory;
  stateDir?: string;
  transport?: Transport;
  /** continue this interrupted run instead of starting a new one */
  resume?: RunSummary;
  /** on resume: hand the run over from this operator to this session's (`resume --handoff`) */
  handoffFrom?: string;
  /** on resume: steps done on paper, by step id */
  paper?: Record<string, { doneAt: string; initials: string }>;
  /** extra sinks (e.g. the drill's report) get the same redacted events */
  onEvent?: (event: EngineEvent) => void;
  /** secrets known before the run starts (e.g. the drill's envelope) are registered for redaction */
  knownSecrets?: string[];
  /** wraps the run's ports; only tests inject one (e.g. the crash harness's "dies after event N") */
  decorate?: RunDecorator;
  /** what the printed resume command must carry besides the state folder (a drill's --autopilot) */
  resumeWith?: Omit<ResumeContext, 'stateDir'>;
  /** who approves destructive actions when the environment's policy asks (default: the approvals folder) */
  approver?: Approver;
  /** a drill names its reports itself, after the grade, so that they end the screen */
  deferReportPaths?: boolean;
};

/**
 * Wrappers around a run's event sink and transport, applied after the journal, before the engine, and the
 * journal's write seam (a full disk). Only tests inject them: a crash at a chosen event, a disk that fills.
 */
export type RunDecorator = {
  sink?: (emit: EventSink) => EventSink;
  transport?: (transport: Transport) => Transport;
  journal?: JournalOptions;
};

export type ExecutedRun = {
  exitCode: number;
  runId: string;
  runDir: string;
  result: RunResult;
  /** the whole run's outcome, earlier sessions included: what every summary shows */
  outcome: ComputedOutcome;
  /** the command that continues this run, as printed */
  resumeCommand: string;
  /** a drill: how long the same run would take on real servers (waits at their lab length) */
  labElapsedMs?: number;
};

/** A resumed run must meet the runbook it started with: other steps would be skipped or repeated. */
export function verifyRunbookUnchanged(
  loaded: { file: string; text: string },
  resume: { runId: string; runbookSha256: string },
): void {
  if (resume.runbookSha256 === createHash('sha256').update(loaded.text).digest('hex')) return;
  throw new InvalidInputError(
    `the runbook ${loaded.file} changed since run ${resume.runId} started; resuming against different steps is unsafe. Finish the run by hand (its journal says where it stopped) or start a new run.`,
  );
}

/** Wire a run to its ports — operator, transport, journal, clock, lock, signals — run it, and map the outcome to an exit code. */
export async function executeRun(options: ExecuteRunOptions): Promise<ExecutedRun> {
  const { loaded, environment, resume } = options;
  const sha256 = createHash('sha256').update(loaded.text).digest('hex');
  if (resume) verifyRunbookUnchanged(loaded, resume);
  const stateDir = resolveStateDir(options.stateDir);
  const runId = resume?.runId ?? createRunId(loaded.runbook.id);
  const runDir = join(stateDir, 'runs', runId);
  const resumeCommand = resumeCommandLine(runId, { stateDir, ...options.resumeWith });
  const redactor = createRedactor();
  for (const secret of options.knownSecrets ?? []) redactor.register(secret);
  const notifier = environment.notify
    ? (await import('../notify/create-notifier.js')).createNotifier(environment.notify, redactor.redact)
    : undefined;
  const c = createChalk(process.stdout);
  const show = (message: OperatorMessage) =>
    process.stdout.write(`${redactor.redact(formatMessage(message, c))}\n`);
  // Refused before the lock and the journal: a policy this machine cannot enforce stops the run at once.
  const approver =
    approvalsNeeded(environment.policy) > 0
      ? (options.approver ?? createFolderApprover({ stateDir, show }))
      : undefined;
  const signals = trapSignals({ resumeCommand });
  const operator = options.createOperator({ redactor, signal: signals.signal, show });
  // One run per state folder, or per environment when it names a lockDir (a share every operator reaches).
  // Across state folders and machines, the lease on the environment's SSO servers (below) decides.
  const lockBase = environment.lockDir;
  const lock = await guardStateFolder(() =>
    holdEnvironmentLock({
      ...(lockBase ? { lockBase } : {}),
      stateDir,
      environment: environment.name,
      runId,
      operator,
      show,
    }),
  );
  const transport = options.transport ?? createEnvironmentTransport(environment);
  let lease: HeldLease | undefined;
  try {
    lease = await holdEnvironmentLease({ environment, transport, runId, stateDir, operator, show });
    // a failover runbook not practised within the policy: one line once the run holds the environment
    // (a run refused by the lock says that alone), for run and drill alike
    const reminder = resume
      ? undefined
      : drillReminder(
          loaded.runbook.id,
          stateDir,
          environment.policy,
          Date.now(),
          environment.drill === true,
        );
    if (reminder) process.stderr.write(`${reminder}\n`);
    const ownerOnly = await restrictToOwner(stateDir);
    if (ownerOnly) show({ kind: 'warning', text: ownerOnly });
    const journal = await guardStateFolder(() => openJournal(runDir, options.decorate?.journal));
    const measured = measureWaits(
      environment.lab ? createClock(environment.lab.timeScale, environment.lab.epochMs) : createClock(),
    );
    const { clock } = measured;
    const emit: EventSink = (event) => {
      const clean = redactor.redactDeep(event);
      journal.append(clean);
      options.onEvent?.(clean);
      notifier?.emit(clean);
    };
    const deps: EngineDeps = {
      operator,
      transport: options.decorate?.transport?.(transport) ?? transport,
      emit: options.decorate?.sink?.(emit) ?? emit,
      clock,
      secrets: redactor,
      signal: signals.signal,
      ...(approver ? { approver } : {}),
    };
    const run: RunContext = {
      runId,
      runbook: loaded.runbook,
      runbookFile: loaded.file,
      environment,
      ...(options.environmentFile ? { environmentFile: resolve(options.environmentFile) } : {}),
      variables: {
        ...environment.vars,
        ...options.vars,
        ...resume?.variables,
        runId,
        environment: environment.name,
      },
      secretKeys: new Set(),
      startedAtMs: resume?.startedClockMs ?? clock.wallNow(),
      account: `${userInfo().username}@${hostname()}`,
      done: new Set(),
    };
    try {
      const resumed = resume
        ? {
            completed: resume.completed,
            ...(resume.resumeAt ? { resumeAt: resume.resumeAt } : {}),
            ...(options.handoffFrom !== undefined ? { handoffFrom: options.handoffFrom } : {}),
          }
        : undefined;
      const result = await runRunbook(deps, run, {
        runbookSha256: sha256,
        ...(resumed ? { resumed } : {}),
        ...(options.paper ? { paper: options.paper } : {}),
      });
      const exitCode = exitCodeFor(result, signals.received());
      // From the journal, not this session's memory: a resumed run's summary includes the earlier sessions.
      const outcome = computeOutcome(readJournal(journal.file).records.map((r) => r.event));
      show({
        kind: 'summary',
        ok: result.outcome === 'succeeded',
        text: summarizeOutcome(outcome, runId, runDir, resumeCommand),
      });
      return {
        exitCode,
        runId,
        runDir,
        result,
        outcome,
        resumeCommand,
        // Only a run measured from its start: a resumed one waited in sessions this process never saw.
        ...(environment.lab && !resume
          ? { labElapsedMs: realServerTime(result.elapsedMs, measured.waits()) }
          : {}),
      };
    } finally {
      journal.close();
      // Reports are written on every exit path: finished, aborted, canceled, or a bug.
      // Loaded here, not at start: the report code is not needed before the run ends.
      const written = (await import('./write-run-reports.js')).writeRunReports(runDir, resumeCommand);
      if (written && !options.deferReportPaths) process.stdout.write(`${formatReportPaths(runDir)}\n`);
      await notifier?.close();
    }
  } finally {
    await lease?.release();
    lock.release();
    signals.release();
  }
}

function exitCodeFor(result: RunResult, signal: NodeJS.Signals | undefined): number {
  if (result.outcome === 'succeeded') return ExitCode.ok;
  if (result.outcome === 'canceled') return exitCodeForSignal(signal);
  return ExitCode.failed;
}

function createRunId(runbookId: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${runbookId.slice(0, 24)}-${randomBytes(2).toString('hex')}`;
}
