import type { Transport } from '../engine/ports.js';
import type { Environment } from '../runbook/environment-schema.js';
import { findHost } from './environment-transport.js';

export type Reachability = {
  host: string;
  /** how the host is reached (the transport's describe) */
  transport: string;
  reachable: boolean;
  /** what was seen, or why not, in the operator's words */
  detail: string;
  durationMs: number;
};

/**
 * Whether a host answers through its transport: `hostname` run there (through the lab for lab hosts,
 * over ssh or WinRM for the others). This computer always answers.
 */
export async function checkReachability(
  environment: Environment,
  transport: Transport,
  host: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Reachability> {
  const described = transport.describe(host);
  if (findHost(environment, host)?.[1].type === 'local')
    return { host, transport: described, reachable: true, detail: 'this computer', durationMs: 0 };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const result = await transport.exec(host, ['hostname'], {
    timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const base = { host, transport: described, durationMs: result.durationMs };
  if (result.ok) {
    const name = result.stdout.trim().split(/\r?\n/)[0] ?? '';
    return { ...base, reachable: true, detail: `answered as ${name || '(no name)'}` };
  }
  const said = result.stderr.trim().split(/\r?\n/).at(-1);
  const detail = result.timedOut
    ? `no answer within ${Math.round(timeoutMs / 1000)} s`
    : result.canceled
      ? 'canceled'
      : (result.error ?? (said || `hostname exited with code ${result.exitCode}`));
  return { ...base, reachable: false, detail };
}
