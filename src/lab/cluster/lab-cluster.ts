import type { LabDb } from '../store/lab-db.js';
import { readMetaValue, writeMetaValue } from '../store/lab-meta.js';
import type { LabServer } from '../lab-types.js';
import { findServer, sameHost } from '../store/server-store.js';

/**
 * A 2-node Windows failover cluster for a clustered MSS (reference §5): one group holding an IP Address,
 * the Network Name SSODB names as secretServer, and a Generic Service resource for ENTSSO.
 */
export type LabCluster = {
  /** the cluster itself (its own name object), not the SSO network name */
  name: string;
  networkName: string;
  ipAddress: string;
  group: string;
  ssoResource: string;
  ipResource: string;
  nodes: string[];
  ownerNode: string;
  /** the group was brought online (IP Address + Network Name online on the owner) */
  groupOnline: boolean;
  /** the Generic Service resource is meant to be online (Stop-ClusterResource sets false) */
  ssoOnline: boolean;
};

const CLUSTER_KEY = 'cluster';

export function readCluster(db: LabDb): LabCluster | undefined {
  return readMetaValue<LabCluster>(db, CLUSTER_KEY);
}

export function writeCluster(db: LabDb, cluster: LabCluster): void {
  writeMetaValue(db, CLUSTER_KEY, cluster);
}

export function isClusterNode(cluster: LabCluster | undefined, host: string): boolean {
  return cluster?.nodes.some((n) => sameHost(n, host)) === true;
}

/** Does `server` answer for the secret server `name`: its own name, or the network name of a group it owns? */
export function answersAs(db: LabDb, name: string, server: LabServer): boolean {
  if (sameHost(name, server.name)) return true;
  const cluster = readCluster(db);
  return (
    cluster !== undefined &&
    sameHost(name, cluster.networkName) &&
    sameHost(cluster.ownerNode, server.name) &&
    cluster.groupOnline &&
    server.entsso?.underCluster === true
  );
}

/**
 * The machine behind a name: a server, or for the cluster network name the node owning the group while
 * the name is online there (clients reach whichever node owns it; nobody while the group is down).
 */
export function resolveHost(db: LabDb, name: string | undefined): LabServer | undefined {
  const cluster = readCluster(db);
  if (!cluster || !name || !sameHost(name, cluster.networkName)) return findServer(db, name);
  const owner = findServer(db, cluster.ownerNode);
  return owner?.reachable && cluster.groupOnline ? owner : undefined;
}
