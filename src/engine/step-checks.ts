import { describeCheck } from '../runbook/describe-check.js';
import { describeCondition, describeConditionState } from '../runbook/describe-condition.js';
import { ConditionValueError, evaluateCondition } from '../runbook/evaluate-condition.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { unsetCheckVariables } from '../runbook/step-variables.js';
import type { Check, Step } from '../runbook/schema.js';
import { type CheckResult, waitForCheck } from './checks.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { CheckPhase } from './events.js';
import type { StepState } from './step-state.js';

/** Run a phase's checks, show each ✓/✗, keep captures; the failures in one sentence, or undefined. */
export async function runChecks(
  checks: readonly Check[],
  phase: CheckPhase,
  step: Step,
  host: string,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
  /** every failure is shown as informational (⚠) and still reported: checks that decide, not gate */
  informational = false,
): Promise<string | undefined> {
  const failures: CheckResult[] = [];
  const context = {
    transport: deps.transport,
    host,
    variables: run.variables,
    stepStartMs: state.sinceMs,
    clock: deps.clock,
    signal: deps.signal,
  };
  for (const check of checks) {
    if (check.when && !checkApplies(check.when, run.variables)) {
      deps.operator.show({
        kind: 'info',
        text: `Not checked: ${interpolateKnown(describeCheck(check), run.variables)} (${describeCondition(check.when, run.variables)}; ${describeConditionState(check.when, run.variables)})`,
      });
      continue;
    }
    const unset = check.when ? unsetCheckVariables(check, run.variables) : [];
    const result: CheckResult = unset.length
      ? {
          ok: false,
          label: interpolateKnown(describeCheck(check), run.variables),
          host: check.on ? interpolateKnown(check.on, run.variables) : host,
          expected: 'the values it reads to be set',
          observed: `${unset.map((name) => `{{${name}}}`).join(', ')} not set by any earlier step or the environment`,
          captured: {},
        }
      : await waitForCheck(check, context, deps.operator);
    emitEvent(deps, {
      type: result.ok ? 'check-passed' : 'check-failed',
      stepId: step.id,
      phase,
      label: result.label,
      host: result.host,
      expected: result.expected,
      observed: result.observed,
      ...(check.optional ? { optional: true } : {}),
    });
    deps.operator.show({
      kind: 'check',
      ok: result.ok,
      label: result.label.includes(result.host) ? result.label : `${result.label} (${result.host})`,
      expected: result.expected,
      observed: result.observed,
      ...((check.optional || informational) && !result.ok ? { informational: true } : {}),
    });
    if (!result.ok && check.advice && !informational)
      deps.operator.show({ kind: 'warning', text: interpolateKnown(check.advice, run.variables) });
    if (result.ok) storeCaptures(result.captured, step.id, deps, run);
    else if (!check.optional || informational) failures.push(result);
  }
  if (failures.length === 0) return undefined;
  return failures.map((f) => `${f.label} on ${f.host}: expected ${f.expected}; got ${f.observed}`).join('; ');
}

/** A check's `when:`; one that cannot be judged (a value that is not a number) is checked, not skipped. */
function checkApplies(condition: string, variables: Record<string, string>): boolean {
  try {
    return evaluateCondition(condition, variables);
  } catch (error) {
    if (error instanceof ConditionValueError) return true;
    throw error;
  }
}

export function storeCaptures(
  captured: Record<string, string>,
  stepId: string,
  deps: EngineDeps,
  run: RunContext,
): void {
  for (const [name, value] of Object.entries(captured)) {
    run.variables[name] = value;
    emitEvent(deps, { type: 'variable-captured', stepId, name, value });
  }
}
