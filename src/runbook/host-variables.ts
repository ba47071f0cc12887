import type { Environment } from './environment-schema.js';

/**
 * The variables a forEach step binds for one host: `{{server}}` is the host, `{{server.port}}` each of the
 * host's own `vars` in the environment (a port per instance, a data folder per node).
 */
export function bindHostVariables(
  as: string,
  host: string,
  environment: Environment,
): Record<string, string> {
  const own = environment.hosts[host]?.vars ?? {};
  return {
    [as]: host,
    ...Object.fromEntries(Object.entries(own).map(([key, value]) => [`${as}.${key}`, value])),
  };
}
