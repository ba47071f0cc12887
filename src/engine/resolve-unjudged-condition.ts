import type { Step } from '../runbook/schema.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { FailureChoice } from './ports.js';
import { apply } from './step-decisions.js';
import type { StepState } from './step-state.js';

/** A condition that parsed but cannot be judged with these values: the operator skips the step (with a reason) or aborts. */
export async function resolveUnjudgedCondition(
  step: Step,
  problem: string,
  deps: EngineDeps,
  run: RunContext,
): Promise<'skipped' | 'aborted'> {
  const reason = `its condition "${step.when}" cannot be judged: ${problem}. Skip the step (say why) or abort and fix the runbook`;
  const choice = await askWhatNow(step, reason, ['skip', 'abort'], deps);
  return (await settleChoice(choice, step, deps, run)) ?? 'aborted';
}

async function askWhatNow(
  step: Step,
  reason: string,
  choices: FailureChoice[],
  deps: EngineDeps,
): Promise<FailureChoice> {
  deps.operator.show({ kind: 'failure', stepId: step.id, phase: 'pre', reason });
  emitEvent(deps, { type: 'step-failed', stepId: step.id, phase: 'pre', reason });
  emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'failure-menu', text: reason });
  return deps.operator.chooseOnFailure({ stepId: step.id, phase: 'pre', reason, choices });
}

/** Skip (with a typed reason) or abort, journaled as any failure decision is; undefined for any other choice. */
async function settleChoice(
  choice: FailureChoice,
  step: Step,
  deps: EngineDeps,
  run: RunContext,
): Promise<'skipped' | 'aborted' | undefined> {
  if (choice !== 'skip' && choice !== 'abort') return undefined;
  const state: StepState = { phase: 'pre', attempt: 1, sinceMs: deps.clock.now(), skip: 0 };
  return (await apply(choice, step, state, deps, run, 'pre')) as 'skipped' | 'aborted';
}
