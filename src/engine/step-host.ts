import { InvalidInputError } from '../errors.js';
import { interpolate } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import type { RunContext } from './engine-context.js';

/**
 * The host a step acts on: its `on`, or the environment's only host. A manual step whose checks each name
 * their host needs none: the operator does it (a decision about a lost server is not made on that server).
 */
export function stepHost(step: Step, run: RunContext): string {
  if (step.on) return interpolate(step.on, run.variables);
  const hosts = Object.keys(run.environment.hosts);
  if (hosts.length === 1) return hosts[0]!;
  const checks = [...step.pre, ...step.post, ...(step.notNeededIf ?? [])];
  const needsHost =
    checks.some((check) => !check.on) || (step.action !== undefined && !('manual' in step.action));
  if (!needsHost) return 'the operator';
  throw new InvalidInputError(
    `step ${step.id} has no "on:" and environment "${run.environment.name}" has ${hosts.length} hosts; add on: <host> to the step.`,
  );
}
