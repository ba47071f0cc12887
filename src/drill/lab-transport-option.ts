import type { Transport } from '../engine/ports.js';
import { InvalidInputError } from '../errors.js';
import type { Environment } from '../runbook/environment-schema.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { createLabTransport } from '../transports/lab.js';
import { createInProcessLabRunner } from './in-process-lab-runner.js';
import { loadLab } from './load-lab.js';

/**
 * How a lab environment's tools run: in this process (fast; what drills use), or each as a real process
 * of the lab's own entry point (the faithful path, and what `run` uses against a lab environment).
 * `--lab-transport` is the one switch, on `run`, `drill` and `resume`.
 */
export type LabTransportChoice = 'in-process' | 'process';

export function parseLabTransport(
  value: string | undefined,
  fallback: LabTransportChoice,
): LabTransportChoice {
  if (value === undefined) return fallback;
  if (value === 'process' || value === 'in-process') return value;
  throw new InvalidInputError(`--lab-transport is process or in-process, not '${value}'.`);
}

type Lab = Awaited<ReturnType<typeof loadLab>>;

/** The transport for a lab environment run in-process; undefined for every other case (the default transports). */
export function createDrillTransport(
  lab: Lab,
  environment: Environment,
  how: LabTransportChoice,
): Transport | undefined {
  if (how === 'process' || !environment.lab) return undefined;
  const dir = environment.lab.dir;
  return createEnvironmentTransport(environment, {
    lab: createLabTransport(dir, createInProcessLabRunner(lab, dir, environment.lab.latencyMs)),
  });
}

/** As createDrillTransport, loading the lab only when it is needed. */
export async function createLabTransportFor(
  environment: Environment,
  how: LabTransportChoice,
): Promise<Transport | undefined> {
  if (how === 'process' || !environment.lab) return undefined;
  return createDrillTransport(await loadLab(), environment, how);
}
