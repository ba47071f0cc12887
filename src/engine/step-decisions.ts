import { interpolateKnown } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import { collectInputs } from './collect-inputs.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { FailureChoice, FailurePhase } from './ports.js';
import { commandAt, commandGoal } from './command-goal.js';
import { enterMissingValue } from './enter-missing-value.js';
import { countCommands, runAction } from './run-action.js';
import { stepHost } from './step-host.js';
import { runChecks } from './step-checks.js';
import type { Phase, StepOutcome, StepState } from './step-state.js';

/**
 * The action may have half-run: never run it again silently. Its post-checks show what took effect,
 * then the operator decides: treat it as done, run it again, roll it back, or abort.
 */
export async function settleInDoubt(
  step: Step,
  host: string,
  state: StepState,
  inFlight: { command: string; host: string },
  deps: EngineDeps,
  run: RunContext,
): Promise<StepOutcome | undefined> {
  const checked = step.post.length > 0;
  deps.operator.show({
    kind: 'warning',
    text:
      step.action && 'manual' in step.action
        ? `The previous session stopped while this step waited for your answer${inFlight.host === 'the operator' ? '' : ` on ${inFlight.host}`} (by hand: ${inFlight.command.replace(/[.\s]+$/, '')}); no answer was recorded. ${checked ? 'Running its checks to see what is so now.' : 'No check can confirm it: confirm it by hand.'}`
        : `The previous session stopped while this was running on ${inFlight.host}: ${inFlight.command.replace(/[.\s]+$/, '')}. It may have half-run. ${checked ? 'Running its checks to see what took effect.' : 'No check can confirm what took effect: confirm it by hand.'}`,
  });
  // A command of a sequence whose goal already holds counts as done: no menu for it.
  if (await hasTakenEffect(step, host, state, deps, run)) return undefined;
  const failed = checked ? await runChecks(step.post, 'post', step, host, state, deps, run) : undefined;
  const reason = !checked
    ? `no check can confirm this step: confirm by hand on ${host} whether it took effect, then treat it as done or run it again`
    : failed
      ? `after the interruption the checks say: ${failed}`
      : 'after the interruption every check of this step passes';
  const confirmed = checked && !failed;
  // "Treat it as done" is the first (default) answer only when the checks show it took effect.
  const choices: FailureChoice[] = [
    ...(confirmed ? (['accept', 'rerun'] as const) : (['rerun', 'accept'] as const)),
    ...(step.rollback ? (['rollback'] as const) : []),
    'abort',
  ];
  emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'failure-menu', text: reason });
  const choice = await deps.operator.chooseOnFailure({
    stepId: step.id,
    phase: 'in-doubt',
    reason,
    choices,
    checksPassed: confirmed,
    checked,
  });
  if (choice === 'accept') {
    emitEvent(deps, { type: 'failure-decided', stepId: step.id, phase: 'in-doubt', choice, reason });
    return 'done';
  }
  return apply(choice, step, state, deps, run, 'in-doubt');
}

/**
 * A command of a sequence settles on its own post-state: when the interrupted one is a service stop or
 * start whose goal already holds, it counts as done and the action continues with the next command (or,
 * when it was the last, the step's checks decide).
 */
async function hasTakenEffect(
  step: Step,
  host: string,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
): Promise<boolean> {
  const argv = step.action ? commandAt(step.action, state.skip, run.variables) : undefined;
  const goal = argv ? commandGoal(argv) : undefined;
  if (!goal || (await runChecks([goal], 'post', step, host, state, deps, run))) return false;
  const total = countCommands(step.action!);
  state.skip += 1;
  state.phase = state.skip < total ? 'confirm' : 'post';
  deps.operator.show({
    kind: 'info',
    text: `\`${argv!.join(' ')}\` had taken effect before the interruption: it counts as done and is not run again. ${state.phase === 'confirm' ? 'Continuing with the next command.' : "The step's checks decide."}`,
  });
  return true;
}

export function menuFor(step: Step, phase: Phase): FailureChoice[] {
  const canRollback = step.rollback !== undefined && (phase === 'action' || phase === 'post');
  if (phase === 'rolled-back') return ['retry', 'skip', 'abort'];
  if (phase === 'rollback') return ['rollback', 'skip', 'abort'];
  return [
    'retry',
    ...(phase === 'post' && step.action ? (['rerun'] as const) : []),
    'skip',
    ...(canRollback ? (['rollback'] as const) : []),
    'abort',
  ];
}

export async function apply(
  choice: FailureChoice,
  step: Step,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
  failedPhase: FailurePhase,
): Promise<StepOutcome | undefined> {
  if (choice === 'enter') {
    emitEvent(deps, { type: 'failure-decided', stepId: step.id, phase: failedPhase, choice, reason: '' });
    for (const name of state.missing ?? []) await enterMissingValue(name, step, deps, run);
    state.missing = undefined;
    return undefined;
  }
  const title = interpolateKnown(step.title, run.variables);
  const prompt = `Why skip "${title}"? (recorded in the journal)`;
  if (choice === 'skip')
    emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'reason', text: prompt });
  const reason = choice === 'skip' ? await deps.operator.reason({ stepId: step.id, prompt }) : '';
  emitEvent(deps, { type: 'failure-decided', stepId: step.id, phase: failedPhase, choice, reason });
  if (choice === 'abort') return 'aborted';
  if (choice === 'skip') {
    emitEvent(deps, { type: 'step-skipped', stepId: step.id, reason, by: deps.operator.identity() });
    deps.operator.show({
      kind: 'warning',
      text: `Skipped "${title}" (${reason}). It is recorded as skipped, not done.`,
    });
    return 'skipped';
  }
  if (choice === 'rollback') {
    state.phase = (await rollBack(step, state, deps, run)) ? 'rolled-back' : 'rollback';
    return undefined;
  }
  state.attempt += 1;
  if (choice === 'rerun' || state.phase === 'action' || failedPhase === 'in-doubt') {
    // A retried action may have failed on an input (a wrong password, the wrong backup): ask for them again.
    if (step.inputs) await collectInputs(step.inputs, deps, run, step.id, { reask: true });
    state.phase = 'confirm';
  }
  if (state.phase === 'rolled-back') state.phase = 'pre';
  return undefined;
}

async function rollBack(step: Step, state: StepState, deps: EngineDeps, run: RunContext): Promise<boolean> {
  const host = stepHost(step, run);
  const title = interpolateKnown(step.title, run.variables);
  deps.operator.show({ kind: 'info', text: `Rolling back "${title}" on ${host}.` });
  const result = await runAction(
    step.rollback!,
    // The step's timeout bounds its rollback too.
    { stepId: step.id, host, rollback: true, attempt: state.attempt, timeout: step.timeout },
    deps,
    run,
  );
  if (!result.ok) {
    state.rollbackFailure = `expected ${result.expected}; got ${result.observed}`;
    deps.operator.show({
      kind: 'warning',
      text: `The rollback of "${title}" failed: ${result.observed}. Fix the cause, then roll back again, or skip with a reason.`,
    });
    return false;
  }
  emitEvent(deps, { type: 'step-rolled-back', stepId: step.id });
  deps.operator.show({
    kind: 'info',
    text: `Rolled back "${title}". Retry the step from its pre-checks, skip it, or abort.`,
  });
  return true;
}
