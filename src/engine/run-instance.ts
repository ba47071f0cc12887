import { describeCondition, describeConditionState } from '../runbook/describe-condition.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { ConditionSyntaxError } from '../runbook/parse-condition.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { ConditionValueError, evaluateCondition } from '../runbook/evaluate-condition.js';
import { resolveUnjudgedCondition } from './resolve-unjudged-condition.js';
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
  if (instance.binding) Object.assign(run.variables, instance.binding.variables);
  const opened = await startInstance(instance, index, deps, run, cursor);
  if (opened === 'skipped') cursor.skipped.push(id);
  if (opened !== 'run') return opened;
  const started = deps.clock.wallNow();
  const sheet = cursor.paper[id];
  if (sheet) {
    const checked = instance.step.post.length > 0;
    const note = checked
      ? 'done on paper while the tool was unavailable; its post-checks confirm it'
      : 'done on paper while the tool was unavailable; no check can confirm it, the sheet is the record';
    emitEvent(deps, {
      type: 'steps-marked-done',
      stepIds: [id],
      by: deps.operator.identity(),
      note,
      ...sheet,
    });
    deps.operator.show({
      kind: 'info',
      text: `Marked done on paper at ${sheet.doneAt} by ${sheet.initials}; ${checked ? 'checking that it took effect.' : 'this step has no check that could confirm it: make sure by hand that it took effect.'}`,
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

/**
 * Header, condition and step-started. 'not-applicable' when the condition says the step is not needed;
 * a condition that cannot be judged goes to the operator (skip with a reason, or abort), never to "false".
 */
export async function startInstance(
  instance: StepInstance,
  index: number,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
  quiet = false,
): Promise<'run' | 'not-applicable' | 'skipped' | 'aborted'> {
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
  let started = false;
  // A step whose host is its own input (choose-new-mss: on {{newMss}}) learns it only after it starts: the
  // journal gets no host rather than a placeholder; the step's checks and commands name the host.
  const host = step.on ? interpolateKnown(step.on, run.variables) : undefined;
  const emitStarted = () => {
    if (started) return;
    started = true;
    cursor.current = step.id;
    emitEvent(deps, {
      type: 'step-started',
      stepId: step.id,
      title,
      index: index + 1,
      total,
      ...(host && !host.includes('{{') ? { host } : {}),
      ...(step.phase ? { phase: step.phase } : {}),
    });
  };
  if (step.when) {
    const judged = await judgeCondition(step, deps, run, emitStarted);
    if (judged !== 'run') {
      if (judged === 'not-applicable') {
        emitEvent(deps, { type: 'step-not-applicable', stepId: step.id, condition: step.when });
        if (!quiet)
          deps.operator.show({
            kind: 'info',
            text: `Not needed here: ${describeConditionState(step.when, run.variables)}, and this step runs ${describeCondition(step.when)}. Going on.`,
          });
      }
      return judged;
    }
  }
  emitStarted();
  return 'run';
}

/** The step's `when:`; a condition it cannot judge (`lag > 0` with lag = "n/a") goes to the operator. */
async function judgeCondition(
  step: StepInstance['step'],
  deps: EngineDeps,
  run: RunContext,
  emitStarted: () => void,
): Promise<'run' | 'not-applicable' | 'skipped' | 'aborted'> {
  try {
    return evaluateCondition(step.when!, run.variables) ? 'run' : 'not-applicable';
  } catch (error) {
    if (!(error instanceof ConditionValueError || error instanceof ConditionSyntaxError)) throw error;
    emitStarted();
    return resolveUnjudgedCondition(step, error.message, deps, run);
  }
}
