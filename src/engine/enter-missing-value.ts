import { interpolateKnown } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import { findCapturingSteps } from '../runbook/step-variables.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';

/** Ask the operator for a value no step set, and journal it like an input (resume restores it). */
export async function enterMissingValue(
  name: string,
  step: Step,
  deps: EngineDeps,
  run: RunContext,
): Promise<void> {
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

/** Why a step cannot run yet: the values it needs and which steps would have captured them. */
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
