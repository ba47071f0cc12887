import { interpolateKnown } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import { findCapturingSteps } from '../runbook/step-variables.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { FailureChoice } from './ports.js';
import { apply } from './step-decisions.js';
import type { StepState } from './step-state.js';

/** A condition that parsed but cannot be judged with these values: run it is not, not needed it may not be. */
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

/** Ask the operator for a value no step set, and journal it like an input (resume restores it). */
export async function enterValue(name: string, step: Step, deps: EngineDeps, run: RunContext): Promise<void> {
  const prompt = `Value of {{${name}}} for "${interpolateKnown(step.title, run.variables)}"`;
  emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'input', text: prompt });
  const answer = await deps.operator.ask({
    key: name,
    type: 'string',
    prompt,
    stepId: step.id,
    validate: (value) => String(value).trim().length > 0 || 'A value is required',
  });
  const value = String(answer);
  run.variables[name] = value;
  emitEvent(deps, { type: 'input-provided', key: name, stepId: step.id, secret: false, value });
}

export function describeMissing(missing: readonly string[], run: RunContext): string {
  const parts = missing.map((name) => {
    const capturing = findCapturingSteps(run.runbook, name).map((s) => s.id);
    const source = capturing.length
      ? `captured by ${capturing.join(' or ')}, which was skipped, not needed or did not capture it`
      : 'set by no earlier step';
    return `{{${name}}} (${source})`;
  });
  return `this step needs ${parts.join(', ')}: enter the value, skip this step too, or abort`;
}
