import type { LabFault } from './faults.js';
import type { LabServer } from '../lab-types.js';

export const ENTSSO_START_MS = 20_000;
export const SLOW_ENTSSO_START_MS = 180_000;
export const UPGRADED_ENTSSO_VERSION = '11.0.3000.0';

/**
 * Puts the faults into the servers. Candidates are the SSO servers other than the MSS, in order:
 * per-server faults hit the first one (service account, RPC firewall) or the last one (version).
 */
export function applyServerFaults(servers: LabServer[], mss: string, faults: readonly LabFault[]): void {
  const has = (fault: LabFault) => faults.includes(fault);
  const sso = servers.filter((s) => s.entsso);
  const candidates = sso.filter((s) => s.name !== mss);
  const first = candidates[0];
  const last = candidates[candidates.length - 1];
  for (const server of sso) {
    if (has('operator-not-sso-admin')) server.operator.ssoAdmin = false;
    if (has('not-elevated')) server.operator.elevated = false;
    if (has('slow-service-start')) server.entsso!.startDelayMs = SLOW_ENTSSO_START_MS;
  }
  if (has('service-account-not-admin') && first) first.entsso!.accountInSsoAdmins = false;
  if (has('rpc-blocked') && first) first.rpcBlocked = true;
  if (has('version-mismatch') && last) last.entsso!.version = UPGRADED_ENTSSO_VERSION;
  if (has('secret-pickup-stuck') && last) last.entsso!.pickupStuck = true;
  const lost = servers.find((s) => s.name === mss);
  if (has('mss-lost') && lost) loseServer(lost, has('old-mss-returns'));
  if (has('service-account-changed') && lost?.entsso) changeServiceAccount(lost);
}

/** The new account of the MSS's ENTSSO under service-account-changed (also an SSO administrator). */
export function changedServiceAccount(account: string): string {
  return `${account.split('\\')[0]}\\svc-entsso-mss`;
}

/**
 * Reference §4.1, F13: the account was changed and ENTSSO restarted without the backup/restore the
 * procedure asks for. The Secret sub-service runs (SSODB names this server) but holds no secret.
 */
function changeServiceAccount(server: LabServer): void {
  const entsso = server.entsso!;
  entsso.account = changedServiceAccount(entsso.account);
  entsso.cache = undefined;
  entsso.secretServerActive = true;
}

/** The server goes away: powered off (ENTSSO and its cache gone), or cut off from the network. */
export function loseServer(server: LabServer, comesBack: boolean): void {
  server.reachable = false;
  if (comesBack) {
    // cut off, not powered off: its ENTSSO keeps running and keeps believing it is the MSS
    server.unreachableReason = 'network unreachable';
    return;
  }
  server.unreachableReason = 'powered off';
  const entsso = server.entsso!;
  Object.assign(entsso, {
    state: 'stopped',
    cache: undefined,
    secretServerActive: false,
    lastCheckAt: undefined,
  });
}
