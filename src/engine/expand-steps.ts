import { hostsWithRole } from '../runbook/hosts-with-role.js';
import { bindHostVariables } from '../runbook/host-variables.js';
import { interpolate } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import type { RunContext } from './engine-context.js';

/** One step as it will run: a forEach step becomes one instance per host (`restart-entsso@BTS01`). */
export type StepInstance = {
  step: Step;
  /**
   * name: the forEach `as`; variables: the host and its own vars (bindHostVariables); position and count:
   * where the host stands among the step's hosts (for "BTS02, 2 of 3 servers")
   */
  binding?: {
    name: string;
    host: string;
    variables: Record<string, string>;
    position: number;
    count: number;
  };
};

export function expandStep(step: Step, run: RunContext): StepInstance[] {
  if (!step.forEach) return [{ step }];
  const { as, role } = step.forEach;
  const excluded = new Set(step.forEach.except.map((text) => safeInterpolate(text, run).toLowerCase()));
  const hosts = hostsWithRole(run.environment, role).filter((host) => !excluded.has(host.toLowerCase()));
  return hosts.map((host, index) => ({
    step: { ...step, id: `${step.id}@${host}`, forEach: undefined },
    binding: {
      name: as,
      host,
      variables: bindHostVariables(as, host, run.environment),
      position: index + 1,
      count: hosts.length,
    },
  }));
}

/** An exclusion naming an unknown variable excludes nothing rather than failing the run. */
function safeInterpolate(text: string, run: RunContext): string {
  try {
    return interpolate(text, run.variables);
  } catch {
    return text;
  }
}
