import { describeCondition, describeConditionState } from '../runbook/describe-condition.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { StepInstance } from './expand-steps.js';
import { runStep, type StepOutcome, type StepResume } from './run-step.js';

/** What the runbook loop shares with each step instance. */
export type RunCursor = {
  rtoMs: number;
  skipped: string[];
  /** the step being run (journaled when the run is canceled) */
  current?: string;
  resumeAt?: (StepResume & { stepId: string }) | undefined;
  paper: Readonly<Record<string, { doneAt: string; initials: string }>>;
};

/** One step instance: header, its condition, step-started, the step itself, step-finished. */
export async function runInstance(
  instance: StepInstance,
  index: number,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
): Promise<StepOutcome | 'not-applicable'> {
  const id = instance.step.id;
  if (instance.binding) run.variables[instance.binding.name] = instance.binding.host;
  if (!startInstance(instance, index, deps, run, cursor)) return 'not-applicable';
  const started = deps.clock.wallNow();
  const sheet = cursor.paper[id];
  if (sheet) {
    const note = 'done on paper while the tool was unavailable; its checks confirm it';
    emitEvent(deps, {
      type: 'steps-marked-done',
      stepIds: [id],
      by: deps.operator.identity(),
      note,
      ...sheet,
    });
    deps.operator.show({
      kind: 'info',
      text: `Marked done on paper at ${sheet.doneAt} by ${sheet.initials}; checking that it took effect.`,
    });
  }
  // A paper step is picked up at its post-checks, as if its action had just run (since the run began).
  const paperResume = sheet
    ? { sinceMs: deps.clock.fromWall(run.startedAtMs), finishedCommands: Number.POSITIVE_INFINITY }
    : undefined;
  const resumeAt = cursor.resumeAt?.stepId === id ? cursor.resumeAt : paperResume;
  const outcome = await runStep(instance.step, deps, run, resumeAt);
  if (outcome === 'skipped') cursor.skipped.push(id);
  if (outcome === 'done')
    emitEvent(deps, { type: 'step-finished', stepId: id, durationMs: deps.clock.wallNow() - started });
  return outcome;
}

/** Header, condition and step-started; false when the step's condition says it is not needed. */
export function startInstance(
  instance: StepInstance,
  index: number,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
  quiet = false,
): boolean {
  const { step } = instance;
  const total = run.runbook.steps.length;
  const title = interpolateKnown(step.title, run.variables);
  const elapsedMs = deps.clock.wallNow() - run.startedAtMs;
  if (!quiet)
    deps.operator.show({
      kind: 'header',
      runbook: run.runbook.title,
      step: index + 1,
      total,
      title,
      elapsedMs,
      rtoMs: cursor.rtoMs,
      ...(instance.binding
        ? {
            instance: {
              host: instance.binding.host,
              position: instance.binding.position,
              count: instance.binding.count,
            },
          }
        : {}),
    });
  if (step.when && !evaluateCondition(step.when, run.variables)) {
    emitEvent(deps, { type: 'step-not-applicable', stepId: step.id, condition: step.when });
    if (!quiet)
      deps.operator.show({
        kind: 'info',
        text: `Not needed here: ${describeConditionState(step.when, run.variables)}, and this step runs ${describeCondition(step.when)}. Going on.`,
      });
    return false;
  }
  cursor.current = step.id;
  emitEvent(deps, {
    type: 'step-started',
    stepId: step.id,
    title,
    index: index + 1,
    total,
    ...(step.on ? { host: interpolateKnown(step.on, run.variables) } : {}),
    ...(step.phase ? { phase: step.phase } : {}),
  });
  return true;
}
