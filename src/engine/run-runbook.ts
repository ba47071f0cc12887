import { parseDuration } from '../runbook/duration.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { collectInputs } from './collect-inputs.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { RunOutcome } from './events.js';
import { expandStep } from './expand-steps.js';
import { runStep, type StepResume } from './run-step.js';

export type RunResult = { outcome: RunOutcome; elapsedMs: number; stoppedAt?: string; skipped: string[] };

export type RunOptions = {
  /** sha256 of the runbook file, recorded so resume can refuse a changed runbook */
  runbookSha256: string;
  /** set when this call continues an interrupted run */
  resumed?: { completed: string[]; resumeAt?: StepResume & { stepId: string } };
};

/** Run every step of a runbook in order, through the ports. */
export async function runRunbook(deps: EngineDeps, run: RunContext, options: RunOptions): Promise<RunResult> {
  const { runbook } = run;
  const rtoMs = parseDuration(runbook.rto);
  if (!options.resumed) {
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
      rtoMs,
      clockMs: run.startedAtMs,
    });
  } else {
    const { completed, resumeAt } = options.resumed;
    emitEvent(deps, {
      type: 'run-resumed',
      runId: run.runId,
      operator: deps.operator.identity(),
      completed,
      ...(resumeAt
        ? { resumeAt: resumeAt.stepId, ...(resumeAt.inFlight ? { inDoubt: resumeAt.stepId } : {}) }
        : {}),
    });
  }
  const elapsed = () => deps.clock.wallNow() - run.startedAtMs;
  const skipped: string[] = [];
  const completed = new Set(options.resumed?.completed ?? []);
  let current: string | undefined;
  const finish = (outcome: RunOutcome, stepId?: string, message?: string): RunResult => {
    const elapsedMs = elapsed();
    emitEvent(deps, {
      type: 'run-finished',
      outcome,
      elapsedMs,
      ...(stepId ? { stepId } : {}),
      ...(message ? { message } : {}),
    });
    return { outcome, elapsedMs, skipped, ...(stepId ? { stoppedAt: stepId } : {}) };
  };
  try {
    await collectInputs(runbook.inputs, deps, run);
    for (const [index, step] of runbook.steps.entries()) {
      for (const instance of expandStep(step, run)) {
        const id = instance.step.id;
        if (completed.has(id)) {
          markDone(run, id);
          continue;
        }
        if (instance.binding) run.variables[instance.binding.name] = instance.binding.host;
        const title = interpolateKnown(instance.step.title, run.variables);
        deps.operator.show({
          kind: 'header',
          runbook: runbook.title,
          step: index + 1,
          total: runbook.steps.length,
          title,
          elapsedMs: elapsed(),
          rtoMs,
        });
        if (step.when && !evaluateCondition(step.when, run.variables)) {
          emitEvent(deps, { type: 'step-not-applicable', stepId: id, condition: step.when });
          deps.operator.show({ kind: 'info', text: `Not needed here (${step.when} is not true); going on.` });
          continue;
        }
        const started = deps.clock.wallNow();
        current = id;
        emitEvent(deps, {
          type: 'step-started',
          stepId: id,
          title,
          index: index + 1,
          total: runbook.steps.length,
          ...(instance.step.on ? { host: interpolateKnown(instance.step.on, run.variables) } : {}),
          ...(step.phase ? { phase: step.phase } : {}),
        });
        const resumeAt = options.resumed?.resumeAt;
        const outcome = await runStep(
          instance.step,
          deps,
          run,
          resumeAt?.stepId === id ? resumeAt : undefined,
        );
        if (outcome === 'skipped') skipped.push(id);
        if (outcome === 'aborted') return finish('aborted', id);
        if (outcome === 'done') {
          markDone(run, id);
          emitEvent(deps, { type: 'step-finished', stepId: id, durationMs: deps.clock.wallNow() - started });
        }
      }
    }
    return finish('succeeded');
  } catch (error) {
    if (isCancellation(error)) return finish('canceled', current, (error as Error).message);
    throw error;
  }
}

function markDone(run: RunContext, id: string): void {
  run.done.add(id);
  run.done.add(id.split('@')[0]!);
}

/** Ctrl+C at a prompt (inquirer's ExitPromptError) or a signal (CanceledError). */
export function isCancellation(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'CanceledError' || name === 'ExitPromptError' || name === 'AbortPromptError';
}
