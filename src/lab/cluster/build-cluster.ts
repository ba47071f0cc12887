import { clusterEvents } from './cluster-events.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { startingEvent } from '../services/entsso-service.js';
import type { LabFault } from '../faults/faults.js';
import { type LabCluster, writeCluster } from './lab-cluster.js';
import type { LabDb } from '../store/lab-db.js';
import { loseServer } from '../faults/lab-faults-apply.js';
import type { LabServer, MasterSecret } from '../lab-types.js';
import { RPC_UNAVAILABLE } from '../secrets/secret-server.js';
import { writeSsoss } from '../services/ssoss-registry.js';

const HOUR = 3_600_000;

/** Defaults of a lab cluster: two nodes, the network name SSODB names, the group and its resources. */
export function createLabCluster(nodes: readonly string[], networkName = 'SSOCLUSTER'): LabCluster {
  return {
    name: 'SSOCL',
    networkName,
    ipAddress: '10.0.0.50',
    group: 'SSO',
    ssoResource: 'Enterprise Single Sign-On Service',
    ipResource: 'IP Address 10.0.0.50',
    nodes: [...nodes],
    ownerNode: nodes[0]!,
    groupOnline: true,
    ssoOnline: true,
  };
}

type ClusterBuild = {
  db: LabDb;
  cluster: LabCluster;
  servers: LabServer[];
  secrets: { current: MasterSecret; previous: MasterSecret };
  faults: readonly LabFault[];
  sqlHost: string;
  t0: number;
};

/**
 * Turns the first two SSO servers into the cluster nodes (reference §5): ENTSSO on the owner runs under
 * the cluster and is the MSS; on the passive node it is stopped, start type demand. The passive node
 * never owned the group: its SSOSS holds only the copy the cluster's registry checkpoint replicated,
 * which its ENTSSO cannot decrypt (10565/10521) until the secret is restored there (§5 step 7, §1.5 step 7).
 */
export function buildClusterNodes(build: ClusterBuild): void {
  const { db, cluster, servers, secrets, t0 } = build;
  const [owner, passive] = cluster.nodes.map((n) => servers.find((s) => s.name === n)!);
  const account = owner!.entsso!.account;
  for (const node of [owner!, passive!]) {
    Object.assign(node.entsso!, { startType: 'demand', lastCheckAt: undefined, secretServerActive: false });
    node.hostInstance = undefined;
    node.dependents = undefined;
    // the SSO tools on the nodes talk to the MSS by its network name, whichever node owns it
    node.ssoServerAll = cluster.networkName;
  }
  Object.assign(owner!.entsso!, { underCluster: true, secretServerActive: true });
  owner!.entsso!.cache = { ...secrets, from: owner!.name, fetchedAt: t0 - HOUR };
  Object.assign(passive!.entsso!, { state: 'stopped', cache: undefined, since: t0 - HOUR });
  writeSsoss(db, owner!.name, secrets, account);
  writeSsoss(db, passive!.name, secrets, `${account.split('\\')[0]}\\${owner!.name}$`);
  logEvent(db, owner!.name, t0 - HOUR + 1500, clusterEvents.online(cluster.group));
  if (build.faults.includes('entsso-outside-cluster')) startOutsideCluster(build, passive!);
  if (build.faults.includes('cluster-node-lost')) loseOwner(build, owner!, passive!);
  writeCluster(db, cluster);
}

/** entsso-outside-cluster: someone started ENTSSO on the passive node by hand and set it to automatic (F15). */
function startOutsideCluster(build: ClusterBuild, passive: LabServer): void {
  const at = build.t0 - 20 * 60_000;
  const ownerLost = build.faults.includes('cluster-node-lost');
  Object.assign(passive.entsso!, { state: 'running', since: at, startType: 'auto', lastCheckAt: build.t0 });
  logEvent(build.db, passive.name, at, startingEvent(passive, build.sqlHost, 'SSODB'));
  if (ownerLost) {
    logEvent(
      build.db,
      passive.name,
      at,
      entssoEvents.lostSecretServer(build.cluster.networkName, RPC_UNAVAILABLE),
    );
    passive.entsso!.secretWarnedFor = build.cluster.networkName;
  } else {
    passive.entsso!.cache = { ...build.secrets, from: build.cluster.networkName, fetchedAt: at };
    logEvent(
      build.db,
      passive.name,
      at,
      entssoEvents.gotSecret(10529, build.cluster.networkName, build.secrets.current.msid),
    );
  }
  logEvent(build.db, passive.name, at + 1000, entssoEvents.started());
}

/** cluster-node-lost: the owner is powered off 10 minutes ago; the failover threshold kept the group Failed. */
function loseOwner(build: ClusterBuild, owner: LabServer, passive: LabServer): void {
  const at = build.t0 - 10 * 60_000;
  loseServer(owner, false);
  owner.entsso!.underCluster = undefined;
  logEvent(build.db, passive.name, at, clusterEvents.nodeRemoved(owner.name));
  logEvent(
    build.db,
    passive.name,
    at + 1000,
    clusterEvents.resourceFailed(build.cluster.ssoResource, build.cluster.group),
  );
  logEvent(build.db, passive.name, at + 2000, clusterEvents.failoverThreshold(build.cluster.group));
}
