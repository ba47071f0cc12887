import type { Environment } from './environment-schema.js';

export type Platform = 'windows' | 'posix';

/** The typed probes each platform's hosts answer (a `run:` check works everywhere). */
export const PROBES_BY_PLATFORM: Readonly<Record<Platform, readonly string[]>> = {
  windows: ['service', 'file', 'port', 'event', 'registry'],
  posix: ['service', 'file', 'port'],
};

/**
 * The platform a host's commands run on, from how it is reached: a local host is this computer, ssh says
 * its remote shell, WinRM and the lab (a simulated Windows deployment) are Windows.
 */
export function findHostPlatform(
  environment: Environment,
  host: string,
  localPlatform: NodeJS.Platform = process.platform,
): Platform | undefined {
  const entry = Object.entries(environment.hosts).find(([name]) => name.toLowerCase() === host.toLowerCase());
  if (!entry) return undefined;
  const transport = entry[1].transport;
  switch (transport.type) {
    case 'local':
      return localPlatform === 'win32' ? 'windows' : 'posix';
    case 'ssh':
      return transport.lab ? 'windows' : transport.shell === 'posix' ? 'posix' : 'windows';
    default:
      return 'windows';
  }
}
