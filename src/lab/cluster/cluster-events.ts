import type { EventLevel } from '../services/event-log.js';

const SOURCE = 'Microsoft-Windows-FailoverClustering';
const ev = (eventId: number, level: EventLevel, message: string) => ({
  eventId,
  level,
  message,
  source: SOURCE,
});

/** Failover cluster events (System log, source Microsoft-Windows-FailoverClustering), by id. */
export const clusterEvents = {
  moving: (group: string, from: string, to: string) =>
    ev(
      1641,
      'Information',
      `Clustered role '${group}' is moving from cluster node '${from}' to cluster node '${to}'.`,
    ),
  online: (group: string) =>
    ev(1201, 'Information', `The Cluster service successfully brought the clustered role '${group}' online.`),
  offline: (group: string) =>
    ev(
      1204,
      'Information',
      `The Cluster service successfully brought the clustered role '${group}' offline.`,
    ),
  resourceFailed: (resource: string, group: string) =>
    ev(
      1069,
      'Error',
      `Cluster resource '${resource}' of type 'Generic Service' in clustered role '${group}' failed.`,
    ),
  nodeRemoved: (node: string) =>
    ev(
      1135,
      'Error',
      `Cluster node '${node}' was removed from the active failover cluster membership. The Cluster service on this node may have stopped. This could also be due to the node having lost communication with other active nodes in the failover cluster.`,
    ),
  failoverThreshold: (group: string) =>
    ev(
      1254,
      'Error',
      `Clustered role '${group}' has exceeded its failover threshold. It has exhausted the configured number of failover attempts within the failover period of time allotted to it and will be left in a failed state. No additional attempts will be made to bring the role online or fail it over to another node in the cluster.`,
    ),
};
