import { InvalidInputError } from '../errors.js';
import { interpolate } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import type { RunContext } from './engine-context.js';

/** The host a step acts on: its `on`, or the environment's only host; a manual-only step needs none. */
export function stepHost(step: Step, run: RunContext): string {
  if (step.on) return interpolate(step.on, run.variables);
  const hosts = Object.keys(run.environment.hosts);
  if (hosts.length === 1) return hosts[0]!;
  const needsHost =
    step.pre.length > 0 || step.post.length > 0 || (step.action !== undefined && !('manual' in step.action));
  if (!needsHost) return 'the operator';
  throw new InvalidInputError(
    `step ${step.id} has no "on:" and environment "${run.environment.name}" has ${hosts.length} hosts; add on: <host> to the step.`,
  );
}
