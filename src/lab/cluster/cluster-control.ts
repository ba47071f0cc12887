import { clusterEvents } from './cluster-events.js';
import { beginStart, stopEntsso } from '../services/entsso-service.js';
import { logEvent } from '../services/event-log.js';
import { type LabCluster, writeCluster } from './lab-cluster.js';
import type { LabDb } from '../store/lab-db.js';
import type { LabMeta, LabServer } from '../lab-types.js';
import { findServer, sameHost, saveServer } from '../store/server-store.js';

/** The server objects a cluster operation changes; `self` is the host the cmdlet runs on (saved by the caller). */
export type ClusterScope = { db: LabDb; meta: LabMeta; now: number; self: LabServer };

function withServer(scope: ClusterScope, name: string, fn: (server: LabServer) => void): void {
  if (sameHost(name, scope.self.name)) {
    fn(scope.self);
    return;
  }
  const server = findServer(scope.db, name);
  if (!server) return;
  fn(server);
  saveServer(scope.db, server);
}

/**
 * The Generic Service resource comes online on the owner: the cluster starts ENTSSO there. If ENTSSO
 * already runs as a local service, the cluster only attaches to it and its RPC endpoint for the network
 * name is never registered (the 0x800706D9 pitfall, reference §5, F15).
 */
export function bringSsoOnline(scope: ClusterScope, cluster: LabCluster): void {
  cluster.groupOnline = true;
  cluster.ssoOnline = true;
  writeCluster(scope.db, cluster);
  withServer(scope, cluster.ownerNode, (owner) => {
    const entsso = owner.entsso;
    if (!entsso || !owner.reachable || entsso.underCluster) return;
    if (entsso.state === 'running' || entsso.state === 'start-pending') {
      entsso.rpcEndpointMissing = true;
      entsso.underCluster = true;
      return;
    }
    beginStart(scope.db, owner, scope.now, scope.meta);
    entsso.underCluster = true;
  });
}

/** Stop-ClusterResource: the cluster stops ENTSSO on the owner. */
export function takeSsoOffline(scope: ClusterScope, cluster: LabCluster): void {
  cluster.ssoOnline = false;
  writeCluster(scope.db, cluster);
  withServer(scope, cluster.ownerNode, (owner) => {
    if (owner.reachable && owner.entsso?.underCluster) stopEntsso(owner, scope.now);
  });
}

/** Move-ClusterGroup: offline on the old owner (if it is up), online on the target. */
export function moveClusterGroup(scope: ClusterScope, cluster: LabCluster, target: string): void {
  const from = cluster.ownerNode;
  logEvent(scope.db, target, scope.now, clusterEvents.moving(cluster.group, from, target));
  if (!sameHost(from, target)) {
    withServer(scope, from, (old) => {
      if (old.reachable && old.entsso?.underCluster) stopEntsso(old, scope.now);
    });
    cluster.ownerNode = findServer(scope.db, target)?.name ?? target;
  }
  bringSsoOnline(scope, cluster);
}
