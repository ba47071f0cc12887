import { quoteWindows } from './quote.js';
import type { ExecResult, Transport } from '../engine/ports.js';
import type { Environment, HostTransport } from '../runbook/environment-schema.js';
import { createLabTransport } from './lab.js';
import { createLocalTransport } from './local.js';
import { failedResult } from './results.js';
import { createSshTransport } from './ssh.js';
import type { SshSettings } from './ssh-args.js';
import { createSshLabTransport } from './ssh-lab.js';
import { createWinRmTransport } from './winrm.js';

/** One transport for a whole environment: each call goes to the transport its host is reached by. */
export function createEnvironmentTransport(
  environment: Environment,
  overrides: Partial<Record<string, Transport>> = {},
): Transport {
  const cache = new Map<string, Transport>();
  const forHost = (host: string): Transport | undefined => {
    const found = findHost(environment, host);
    if (!found) return undefined;
    const [name, config] = found;
    const type = config.type;
    // local and lab hosts share one transport; each ssh or winrm host has its own settings.
    const key = type === 'local' || type === 'lab' ? type : `${type}:${name}`;
    if (!cache.has(key)) cache.set(key, overrides[type] ?? createHostTransport(name, config, environment));
    return cache.get(key);
  };
  const unknown = (host: string): ExecResult =>
    failedResult(
      `host ${host} is not in environment "${environment.name}" (hosts: ${Object.keys(environment.hosts).join(', ')})`,
    );
  return {
    describe: (host) => forHost(host)?.describe(host) ?? `unknown host ${host}`,
    exec: async (host, argv, options) => (await forHost(host)?.exec(host, argv, options)) ?? unknown(host),
    probe: async (host, probe, options) =>
      (await forHost(host)?.probe(host, probe, options)) ?? { ok: false, observed: unknown(host).stderr },
    writeFile: async (host, path, content, options) =>
      (await forHost(host)?.writeFile(host, path, content, options)) ?? unknown(host),
    // A host not known yet (plan, before {{newMss}} is chosen) is an SSO server: Windows quoting.
    render: (host, argv) => forHost(host)?.render(host, argv) ?? quoteWindows(argv),
  };
}

/** The host's entry, matched case-insensitively as Windows computer names are. */
export function findHost(environment: Environment, host: string): [string, HostTransport] | undefined {
  const entry = environment.hosts[host]
    ? ([host, environment.hosts[host]] as const)
    : Object.entries(environment.hosts).find(([name]) => name.toLowerCase() === host.toLowerCase());
  return entry ? [entry[0], entry[1].transport] : undefined;
}

/**
 * Whether an interactive command (a tool that reads the operator's keystrokes) can run on this host from
 * here: everywhere but WinRM. `plan` states it, so nobody learns it mid-failover.
 */
export function canAttachTerminal(environment: Environment, host: string): boolean {
  return findHost(environment, host)?.[1].type !== 'winrm';
}

function createHostTransport(name: string, config: HostTransport, environment: Environment): Transport {
  switch (config.type) {
    case 'local':
      return createLocalTransport();
    case 'lab':
      if (!environment.lab)
        throw new Error(`environment "${environment.name}" has lab hosts but no lab: { dir } section`);
      return createLabTransport(environment.lab.dir);
    case 'ssh': {
      const settings: SshSettings = {
        address: config.address ?? name,
        user: config.user,
        port: config.port,
        identity: config.identity,
        jump: config.jump,
        knownHosts: config.knownHosts,
        shell: config.shell,
      };
      return config.lab ? createSshLabTransport(settings, config.lab) : createSshTransport(settings);
    }
    case 'winrm':
      return createWinRmTransport({ address: config.address ?? name, useSsl: config.useSsl });
  }
}
