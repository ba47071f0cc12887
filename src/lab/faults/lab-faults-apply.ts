import type { LabServer } from '../lab-types.js';

export const ENTSSO_START_MS = 20_000;
export const SLOW_ENTSSO_START_MS = 180_000;
export const UPGRADED_ENTSSO_VERSION = '11.0.3000.0';

/** The new account of the MSS's ENTSSO under service-account-changed (also an SSO administrator). */
export function changedServiceAccount(account: string): string {
  return `${account.split('\\')[0]}\\svc-entsso-mss`;
}

/**
 * Reference §4.1, F13: the account was changed and ENTSSO restarted without the backup/restore the
 * procedure asks for. The Secret sub-service runs (SSODB names this server) but holds no secret.
 */
export function changeServiceAccount(server: LabServer): void {
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
