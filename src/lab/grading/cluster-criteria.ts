import { criterion, type Grade, type LabCriterion } from './grade-criteria.js';
import { isClusterNode, type LabCluster } from '../cluster/lab-cluster.js';
import { isRunning } from '../secrets/secret-server.js';
import { sameHost } from '../store/server-store.js';

/** A clustered MSS: SSODB names the network name, never a node (reference §5 step 4, F14). */
export function ssodbNamesNetworkName(g: Grade, cluster: LabCluster): LabCriterion {
  const ok = sameHost(g.global.secretServer, cluster.networkName);
  return criterion(
    'ssodb-names-network-name',
    ok,
    ok
      ? `SSODB names the cluster network name ${cluster.networkName}`
      : `SSODB names ${g.global.secretServer}, not the cluster network name ${cluster.networkName}`,
  );
}

/**
 * ENTSSO runs under the cluster on the owner only; on the other node it is stopped, not started as a
 * local service (the 0x800706D9 pitfall, F15).
 */
export function entssoUnderCluster(g: Grade, cluster: LabCluster): LabCriterion {
  const nodes = g.servers.filter((s) => isClusterNode(cluster, s.name) && s.reachable && isRunning(s));
  const owner = nodes.find((s) => sameHost(s.name, cluster.ownerNode));
  const local = nodes.filter((s) => !s.entsso?.underCluster || s.entsso.rpcEndpointMissing);
  const ok = nodes.length === 1 && owner !== undefined && local.length === 0;
  const detail = ok
    ? `ENTSSO runs under the cluster on ${owner!.name} only`
    : local.length > 0
      ? `ENTSSO runs outside cluster control on ${local.map((s) => s.name).join(', ')} (net stop entsso there; take the resource offline and online)`
      : `ENTSSO runs under the cluster on ${nodes.map((s) => s.name).join(', ') || 'no node'}; expected the owner ${cluster.ownerNode} only`;
  return criterion('entsso-under-cluster', ok, detail);
}

/** Every running BizTalk server holds the current secret, fetched from the network name (whichever node owns it). */
export function fetchedThroughNetworkName(g: Grade, cluster: LabCluster): LabCriterion {
  const others = g.servers.filter((s) => !isClusterNode(cluster, s.name) && s.reachable && isRunning(s));
  const bad = others.filter(
    (s) =>
      g.mss === undefined ||
      !sameHost(s.entsso?.cache?.from, cluster.networkName) ||
      s.entsso?.cache?.current.msid !== g.global.currentMsid,
  );
  return criterion(
    'servers-fetched-from-mss',
    others.length > 0 && bad.length === 0,
    bad.length === 0
      ? `${others.map((s) => s.name).join(', ')} fetched MSID ${g.global.currentMsid} from ${cluster.networkName} (${g.mss?.name ?? 'no node'})`
      : `not fetched from ${cluster.networkName}: ${bad.map((s) => s.name).join(', ')}`,
  );
}
