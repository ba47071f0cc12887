import { LabInputError } from '../lab-input-error.js';
import { FAULTS, type FaultScope, type LabFault } from './fault-registry.js';

export { FAULTS, type LabFault } from './fault-registry.js';

export function isLabFault(name: string): name is LabFault {
  return FAULTS.some((entry) => entry.name === name);
}

const withScope = (scope: FaultScope): LabFault[] =>
  FAULTS.filter((entry) => entry.scope === scope).map((entry) => entry.name);

/** Faults that are a scenario of their own on a live MSS: with one of them, mss-lost is not implied. */
export const LIVE_MSS_FAULTS: readonly LabFault[] = withScope('live-mss');

/** Faults of a clustered MSS: they imply the cluster, and never mss-lost (the cluster has its own loss). */
export const CLUSTER_FAULTS: readonly LabFault[] = withScope('cluster');

/** Faults that model a single, unclustered MSS going away. */
const SINGLE_MSS_FAULTS: readonly LabFault[] = withScope('single-mss');

/** Faults of the disaster-recovery site: they imply site-lost, never mss-lost (the whole site is gone). */
export const DR_FAULTS: readonly LabFault[] = withScope('dr-site');

/** Faults of a server rebuilt from scratch: they imply server-rebuilt (and, as a failover, mss-lost). */
const REBUILD_FAULTS: readonly LabFault[] = withScope('rebuild');

export function impliesCluster(faults: readonly LabFault[]): boolean {
  return faults.some((fault) => CLUSTER_FAULTS.includes(fault));
}

/**
 * Validates fault names; every fault implies mss-lost (a failover drill) unless a live-MSS scenario is
 * named or the lab is a cluster (whose MSS is lost with cluster-node-lost).
 */
export function parseFaults(names: readonly string[], options: { cluster?: boolean } = {}): LabFault[] {
  const faults = new Set<LabFault>();
  for (const name of names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean)) {
    if (!isLabFault(name)) {
      throw new LabInputError(
        `unknown fault '${name}'. Run \`sso-failover lab faults\` to list the fault names.`,
      );
    }
    faults.add(name);
  }
  const cluster = options.cluster === true || impliesCluster([...faults]);
  const single = SINGLE_MSS_FAULTS.find((fault) => faults.has(fault));
  if (cluster && single)
    throw new LabInputError(
      `${single} models a single master secret server; on a clustered MSS use cluster-node-lost instead.`,
    );
  if (DR_FAULTS.some((fault) => faults.has(fault))) {
    if (cluster || faults.has('mss-lost'))
      throw new LabInputError(
        'the DR-site faults model losing the whole production site; they do not combine with mss-lost or a cluster.',
      );
    faults.add('site-lost');
    return [...faults].sort();
  }
  if (REBUILD_FAULTS.some((fault) => faults.has(fault))) faults.add('server-rebuilt');
  const liveMss = LIVE_MSS_FAULTS.some((fault) => faults.has(fault));
  if (faults.size > 0 && !liveMss && !cluster) faults.add('mss-lost');
  return [...faults].sort();
}
