import type { ExecResult, Transport } from '../engine/ports.js';
import type { Environment } from '../runbook/environment-schema.js';
import { createLabTransport } from './lab.js';
import { createLocalTransport } from './local.js';

/** One transport for a whole environment: each call goes to the transport its host is reached by. */
export function createEnvironmentTransport(
  environment: Environment,
  overrides: Partial<Record<string, Transport>> = {},
): Transport {
  const cache = new Map<string, Transport>();
  const forHost = (host: string): Transport | undefined => {
    const entry =
      environment.hosts[host] ??
      Object.entries(environment.hosts).find(([name]) => name.toLowerCase() === host.toLowerCase())?.[1];
    if (!entry) return undefined;
    const type = entry.transport.type;
    if (!cache.has(type)) cache.set(type, overrides[type] ?? createTransport(type, environment));
    return cache.get(type);
  };
  const unknown = (host: string): ExecResult => {
    const message = `host ${host} is not in environment "${environment.name}" (hosts: ${Object.keys(environment.hosts).join(', ')})`;
    return {
      ok: false,
      exitCode: null,
      stdout: '',
      stderr: message,
      durationMs: 0,
      timedOut: false,
      canceled: false,
      error: message,
    };
  };
  return {
    describe: (host) => forHost(host)?.describe(host) ?? `unknown host ${host}`,
    exec: async (host, argv, options) => (await forHost(host)?.exec(host, argv, options)) ?? unknown(host),
    probe: async (host, probe, options) =>
      (await forHost(host)?.probe(host, probe, options)) ?? { ok: false, observed: unknown(host).stderr },
    writeFile: async (host, path, content, options) =>
      (await forHost(host)?.writeFile(host, path, content, options)) ?? unknown(host),
    render: (host, argv) => forHost(host)?.render(host, argv) ?? argv.join(' '),
  };
}

function createTransport(type: string, environment: Environment): Transport {
  if (type === 'local') return createLocalTransport();
  if (type === 'lab') {
    if (!environment.lab)
      throw new Error(`environment "${environment.name}" has lab hosts but no lab: { dir } section`);
    return createLabTransport(environment.lab.dir);
  }
  throw new Error(`the ${type} transport is not available yet; reach this host with local or lab`);
}
