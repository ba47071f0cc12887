import type { Environment } from './environment-schema.js';

/** Hosts of the environment having a role, in file order. */
export function hostsWithRole(environment: Environment, role: string): string[] {
  return Object.entries(environment.hosts)
    .filter(([, host]) => host.roles.includes(role))
    .map(([name]) => name);
}
