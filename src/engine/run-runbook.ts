import { parseDuration } from '../runbook/duration.js';
import { collectInputs } from './collect-inputs.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { RunOutcome } from './events.js';
import { expandStep } from './expand-steps.js';
import { type RunCursor, runInstance } from './run-instance.js';
import { runParallel } from './run-parallel.js';
import type { StepResume } from './run-step.js';

export type RunResult = { outcome: RunOutcome; elapsedMs: number; stoppedAt?: string; skipped: string[] };

export type RunOptions = {
  /** sha256 of the runbook file, recorded so resume can refuse a changed runbook */
  runbookSha256: string;
  /** set when this call continues an interrupted run */
  resumed?: {
    completed: string[];
    resumeAt?: StepResume & { stepId: string };
    /** `resume --handoff`: the operator the run is handed over from (the new one is this session's operator) */
    handoffFrom?: string;
  };
  /** steps the operator did on paper (printed checklist): their post-checks confirm them */
  paper?: Readonly<Record<string, { doneAt: string; initials: string }>>;
};

/** Run every step of a runbook in order, through the ports. */
export async function runRunbook(deps: EngineDeps, run: RunContext, options: RunOptions): Promise<RunResult> {
  const rtoMs = parseDuration(run.runbook.rto);
  announce(deps, run, options, rtoMs);
  const cursor: RunCursor = {
    rtoMs,
    skipped: [],
    resumeAt: options.resumed?.resumeAt,
    paper: options.paper ?? {},
  };
  const completed = new Set(options.resumed?.completed ?? []);
  const finish = (outcome: RunOutcome, stepId?: string, message?: string): RunResult => {
    const elapsedMs = deps.clock.wallNow() - run.startedAtMs;
    emitEvent(deps, {
      type: 'run-finished',
      outcome,
      elapsedMs,
      ...(stepId ? { stepId } : {}),
      ...(message ? { message } : {}),
    });
    return { outcome, elapsedMs, skipped: cursor.skipped, ...(stepId ? { stoppedAt: stepId } : {}) };
  };
  try {
    await collectInputs(run.runbook.inputs, deps, run);
    for (const [index, step] of run.runbook.steps.entries()) {
      const instances = expandStep(step, run).filter((instance) => {
        if (!completed.has(instance.step.id)) return true;
        markDone(run, instance.step.id);
        return false;
      });
      const parallel = step.forEach?.parallel && !step.action && instances.length > 1;
      const aborted = parallel
        ? await runParallel(instances, index, step, deps, run, cursor)
        : await runSequentially(instances, index, deps, run, cursor);
      if (aborted) return finish('aborted', aborted);
    }
    return finish('succeeded');
  } catch (error) {
    if (isCancellation(error)) return finish('canceled', cursor.current, (error as Error).message);
    throw error;
  }
}

async function runSequentially(
  instances: ReturnType<typeof expandStep>,
  index: number,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
): Promise<string | undefined> {
  for (const instance of instances) {
    const outcome = await runInstance(instance, index, deps, run, cursor);
    if (outcome === 'aborted') return instance.step.id;
    if (outcome === 'done') markDone(run, instance.step.id);
  }
  return undefined;
}

function announce(deps: EngineDeps, run: RunContext, options: RunOptions, rtoMs: number): void {
  const { runbook } = run;
  if (options.resumed) {
    const { completed, resumeAt } = options.resumed;
    const at = resumeAt
      ? { resumeAt: resumeAt.stepId, ...(resumeAt.inFlight ? { inDoubt: resumeAt.stepId } : {}) }
      : {};
    emitEvent(deps, {
      type: 'run-resumed',
      runId: run.runId,
      operator: deps.operator.identity(),
      completed,
      ...at,
      ...(run.account ? { account: run.account } : {}),
    });
    if (options.resumed.handoffFrom !== undefined) {
      // The person, not the way they answer (a terminal, an answers file): their OS account and machine.
      const to = run.account ?? deps.operator.identity();
      emitEvent(deps, { type: 'run-handed-over', runId: run.runId, from: options.resumed.handoffFrom, to });
      deps.operator.show({
        kind: 'info',
        text: `Handed over from ${options.resumed.handoffFrom} to ${to}: from here on the journal and the report name ${to}.`,
      });
    }
    return;
  }
  emitEvent(deps, {
    type: 'run-started',
    runId: run.runId,
    runbook: {
      id: runbook.id,
      title: runbook.title,
      file: run.runbookFile,
      sha256: options.runbookSha256,
      stepIds: runbook.steps.map((s) => s.id),
    },
    environment: run.environment.name,
    ...(run.environmentFile ? { environmentFile: run.environmentFile } : {}),
    drill: run.environment.drill,
    operator: deps.operator.identity(),
    ...(run.account ? { account: run.account } : {}),
    rtoMs,
    clockMs: run.startedAtMs,
  });
}

export function markDone(run: RunContext, id: string): void {
  run.done.add(id);
  run.done.add(id.split('@')[0]!);
}

/** Ctrl+C at a prompt (inquirer's ExitPromptError) or a signal (CanceledError). */
export function isCancellation(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'CanceledError' || name === 'ExitPromptError' || name === 'AbortPromptError';
}
