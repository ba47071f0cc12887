import type { LabServer } from '../lab-types.js';
import { type FaultTargets, faultEntries, type LabFault } from './fault-registry.js';

/**
 * Puts the faults into the servers, in the registry's order. Candidates are the SSO servers other than the
 * MSS, in order: per-server faults hit the first one (service account, RPC firewall) or the last one (version).
 */
export function applyServerFaults(servers: LabServer[], mss: string, faults: readonly LabFault[]): void {
  const sso = servers.filter((s) => s.entsso);
  const candidates = sso.filter((s) => s.name !== mss);
  const targets: FaultTargets = {
    sso,
    first: candidates[0],
    last: candidates[candidates.length - 1],
    lost: servers.find((s) => s.name === mss),
    has: (fault) => faults.includes(fault as LabFault),
  };
  for (const entry of faultEntries(faults)) entry.servers?.(targets);
}
