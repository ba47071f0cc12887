import type { LabDb } from '../store/lab-db.js';
import type { LabCluster } from './lab-cluster.js';
import { findServer } from '../store/server-store.js';

/** ClusterResourceState / ClusterGroupState names as the FailoverClusters cmdlets print them. */
export type ClusterState =
  | 'Online'
  | 'Offline'
  | 'Failed'
  | 'OnlinePending'
  | 'OfflinePending'
  | 'PartialOnline'
  | 'Pending';

export type ClusterResourceView = {
  Name: string;
  State: ClusterState;
  OwnerGroup: string;
  ResourceType: 'IP Address' | 'Network Name' | 'Generic Service';
  OwnerNode: string;
};

/**
 * Resource states follow the owner node: down → Failed. The Generic Service resource follows the ENTSSO
 * service the cluster started there; a service that stopped under it is a failed resource.
 */
export function listClusterResources(db: LabDb, cluster: LabCluster): ClusterResourceView[] {
  const owner = findServer(db, cluster.ownerNode);
  const up = owner?.reachable === true;
  const core: ClusterState = !up ? 'Failed' : cluster.groupOnline ? 'Online' : 'Offline';
  const entsso = owner?.entsso;
  const sso: ClusterState = !up
    ? 'Failed'
    : !cluster.groupOnline || !cluster.ssoOnline
      ? 'Offline'
      : entsso?.underCluster && entsso.state === 'running'
        ? 'Online'
        : entsso?.underCluster && entsso.state === 'start-pending'
          ? 'OnlinePending'
          : 'Failed';
  const view = (Name: string, ResourceType: ClusterResourceView['ResourceType'], State: ClusterState) => ({
    Name,
    State,
    OwnerGroup: cluster.group,
    ResourceType,
    OwnerNode: cluster.ownerNode,
  });
  return [
    view(cluster.ipResource, 'IP Address', core),
    view(cluster.networkName, 'Network Name', core),
    view(cluster.ssoResource, 'Generic Service', sso),
  ];
}

/** The group's state from its resources, as the cluster reports it. */
export function clusterGroupState(resources: readonly ClusterResourceView[]): ClusterState {
  const states = resources.map((r) => r.State);
  if (states.every((s) => s === 'Online')) return 'Online';
  if (states.every((s) => s === 'Offline')) return 'Offline';
  if (states.includes('Failed')) return 'Failed';
  if (states.some((s) => s.endsWith('Pending'))) return 'Pending';
  return 'PartialOnline';
}
