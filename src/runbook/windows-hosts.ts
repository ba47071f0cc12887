import type { Environment } from './environment-schema.js';
import { hostsWithRole } from './hosts-with-role.js';
import type { Runbook, Step } from './schema.js';

type HostTransport = Environment['hosts'][string]['transport'];

/**
 * Whether a step may run on a Windows host, where commands are typed into PowerShell (ssh's default
 * shell, plan, export and the confirm prompt show `& 'prog' …`). Without an environment, a step with
 * `on:` or `forEach` acts on the BizTalk/SSO servers — Windows — and a step without runs on the jump
 * host, Windows when `platform` says so. With one, the transports of the hosts it may reach decide.
 */
export function mayRunOnWindows(step: Step, platform: NodeJS.Platform, environment?: Environment): boolean {
  const jumpHostIsWindows = platform === 'win32';
  if (!environment) return step.on !== undefined || step.forEach !== undefined || jumpHostIsWindows;
  return candidateHosts(step, environment).some((name) =>
    isWindowsTransport(environment.hosts[name]!.transport, jumpHostIsWindows),
  );
}

/** Whether commands to this host reach it over the network (WinRM or ssh), not on the jump host itself. */
export function isRemoteTransport(transport: HostTransport): boolean {
  return transport.type === 'winrm' || transport.type === 'ssh';
}

/**
 * Hosts a step may act on: its literal `on`, its forEach role, the role a `{{host input}}` is chosen
 * from (`inputs`: the runbook's), or else any host.
 */
export function candidateHosts(
  step: Step,
  environment: Environment,
  inputs: Runbook['inputs'] = {},
): string[] {
  const all = Object.keys(environment.hosts);
  if (step.forEach) return hostsWithRole(environment, step.forEach.role);
  if (step.on && !step.on.includes('{{'))
    return all.filter((name) => name.toLowerCase() === step.on!.toLowerCase());
  const variable = /^\{\{\s*([A-Za-z][\w]*)\s*\}\}$/.exec(step.on ?? '')?.[1];
  const role = variable ? (step.inputs?.[variable] ?? inputs[variable])?.from : undefined;
  return role ? hostsWithRole(environment, role) : all;
}

function isWindowsTransport(transport: HostTransport, jumpHostIsWindows: boolean): boolean {
  if (transport.type === 'winrm' || transport.type === 'lab') return true;
  if (transport.type === 'ssh') return transport.shell !== 'posix';
  return jumpHostIsWindows;
}
