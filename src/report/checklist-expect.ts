import type { PlannedStep } from '../runbook/build-plan.js';
import { interpolateKnown, type Variables } from '../runbook/interpolate.js';
import type { Check, Runbook } from '../runbook/schema.js';

/**
 * buildPlan names a labelled probe check by its label alone; paper also needs what to expect.
 * Adds "→ expect …" to those checks; command checks already say it.
 */
export function addExpectations(steps: PlannedStep[], runbook: Runbook, variables: Variables): PlannedStep[] {
  return steps.map((planned) => {
    const [baseId, host] = planned.id.split('@');
    const step = runbook.steps.find((s) => s.id === baseId);
    if (!step) return planned;
    const v = { ...variables, ...(step.forEach && host ? { [step.forEach.as]: host } : {}) };
    const annotate = (texts: string[], checks: Check[]) =>
      texts.map((text, i) => {
        const check = checks[i];
        const expectation = check && describeExpectation(check);
        if (!expectation || !check.label) return text;
        // After what is checked, before the command that stands on a line of its own.
        const [what, ...command] = text.split('\n');
        return [`${what} → expect ${interpolateKnown(expectation, v)}`, ...command].join('\n');
      });
    return {
      ...planned,
      pre: annotate(planned.pre, [...step.pre, ...(step.notNeededIf ?? [])]),
      post: annotate(planned.post, step.post),
    };
  });
}

function describeExpectation(check: Check): string | undefined {
  if ('run' in check) return undefined;
  if ('service' in check) return `service ${check.service.name} ${check.service.state}`;
  if ('file' in check) return check.file.exists ? `${check.file.path} present` : `${check.file.path} absent`;
  if ('port' in check) return `${check.port.host}:${check.port.port} accepts connections`;
  if ('event' in check)
    return `${check.event.source} event ${check.event.ids.join(' or ')} ${check.event.present ? 'logged' : 'NOT logged'} since the step began`;
  return `registry key ${check.registry.key} ${check.registry.exists ? 'present' : 'absent'}`;
}
