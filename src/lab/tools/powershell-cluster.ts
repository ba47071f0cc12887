import { clusterGroupState, listClusterResources } from '../cluster/cluster-state.js';
import type { LabCluster } from '../cluster/lab-cluster.js';
import type { LabDb } from '../store/lab-db.js';
import { sameHost } from '../store/server-store.js';
import type { PsObject } from './powershell-format.js';

/** Objects a cluster cmdlet writes, and the columns PowerShell's default view shows for them. */
export type PsOutput = { objects: PsObject[]; columns: string[] };

/** Thrown for the cmdlet errors of the FailoverClusters module (object not found, node down, …). */
export class PsCmdletError extends Error {
  constructor(
    readonly cmdlet: string,
    message: string,
    readonly category: string,
  ) {
    super(message);
  }
}

export function groupOutput(db: LabDb, cluster: LabCluster): PsOutput {
  const state = clusterGroupState(listClusterResources(db, cluster));
  return {
    objects: [{ Name: cluster.group, OwnerNode: cluster.ownerNode, State: state }],
    columns: ['Name', 'OwnerNode', 'State'],
  };
}

export function resourceOutput(db: LabDb, cluster: LabCluster, cmdlet: string, name: string): PsOutput {
  const resource = findResource(db, cluster, cmdlet, name);
  return {
    objects: [{ ...resource }],
    columns: ['Name', 'State', 'OwnerGroup', 'ResourceType'],
  };
}

export function findResource(db: LabDb, cluster: LabCluster, cmdlet: string, name: string) {
  const resource = listClusterResources(db, cluster).find((r) => sameHost(r.Name, name));
  if (!resource)
    throw new PsCmdletError(
      cmdlet,
      `An error occurred opening resource '${name}'.\r\n    The cluster resource could not be found`,
      'ObjectNotFound',
    );
  return resource;
}

export function verifyGroup(cluster: LabCluster, cmdlet: string, name: string): void {
  if (!sameHost(name, cluster.group))
    throw new PsCmdletError(
      cmdlet,
      `An error occurred opening cluster group '${name}'.\r\n    The group name is invalid`,
      'ObjectNotFound',
    );
}

/** Get-ClusterResourceDependency: SSO on the network name, the name on the IP address (reference §5 step 6). */
export function dependencyOutput(db: LabDb, cluster: LabCluster, name: string): PsOutput {
  const resource = findResource(db, cluster, 'Get-ClusterResourceDependency', name);
  const expression =
    resource.ResourceType === 'Generic Service'
      ? `[${cluster.networkName}]`
      : resource.ResourceType === 'Network Name'
        ? `[${cluster.ipResource}]`
        : '';
  return {
    objects: [{ Resource: resource.Name, DependencyExpression: expression }],
    columns: ['Resource', 'DependencyExpression'],
  };
}

/** Get-ClusterParameter on a resource: the private properties, optionally only the named ones. */
export function parameterOutput(
  db: LabDb,
  cluster: LabCluster,
  resourceName: string,
  names: readonly string[],
): PsOutput {
  const resource = findResource(db, cluster, 'Get-ClusterParameter', resourceName);
  const all: [string, string, string][] =
    resource.ResourceType === 'Generic Service'
      ? [
          ['ServiceName', 'ENTSSO', 'String'],
          ['StartupParameters', '', 'String'],
          ['UseNetworkName', '1', 'UInt32'],
        ]
      : resource.ResourceType === 'Network Name'
        ? [
            ['Name', cluster.networkName, 'String'],
            ['DnsName', cluster.networkName.toLowerCase(), 'String'],
          ]
        : [
            ['Address', cluster.ipAddress, 'String'],
            ['SubnetMask', '255.255.255.0', 'String'],
            ['EnableDhcp', '0', 'UInt32'],
          ];
  const wanted = names.map((n) => n.toLowerCase());
  const unknown = wanted.find((n) => !all.some(([p]) => p.toLowerCase() === n));
  if (unknown)
    throw new PsCmdletError(
      'Get-ClusterParameter',
      `Parameter '${unknown}' does not exist on the cluster object '${resource.Name}'. If you are trying to update an existing parameter, please make sure the parameter name is specified correctly. You can check for the current parameters by running Get-ClusterParameter.`,
      'InvalidArgument',
    );
  const rows = wanted.length === 0 ? all : all.filter(([p]) => wanted.includes(p.toLowerCase()));
  return {
    objects: rows.map(([Name, Value, Type]) => ({ Object: resource.Name, Name, Value, Type })),
    columns: ['Object', 'Name', 'Value', 'Type'],
  };
}
