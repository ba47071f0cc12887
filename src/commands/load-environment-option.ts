import type { Environment } from '../runbook/environment-schema.js';
import { createLocalEnvironment, loadEnvironment } from '../runbook/load-environment.js';

/** `--env file` when given, else this computer alone. */
export function createEnvironment(file: string | undefined): Environment {
  return file ? loadEnvironment(file) : createLocalEnvironment();
}
