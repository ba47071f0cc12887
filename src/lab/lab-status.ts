import type { ServiceState } from '../engine/ports.js';
import { advanceLab } from './advance-lab.js';
import type { LabFault } from './faults/faults.js';
import { clusterGroupState, listClusterResources } from './cluster/cluster-state.js';
import { readCluster } from './cluster/lab-cluster.js';
import { inLabTransaction, withLabDb } from './store/lab-db.js';
import { isRunning } from './secrets/secret-server.js';
import { listServers } from './store/server-store.js';
import { readSsoGlobal } from './ssodb/sso-db.js';

export type LabServerStatus = {
  name: string;
  kind: 'sso' | 'sql';
  reachable: boolean;
  unreachableReason?: string;
  entsso: ServiceState;
  actingAsMss: boolean;
  cachedMsid?: string;
  cachedFrom?: string;
  ssoServerSetting?: string;
  hostInstance?: string;
};

export type LabStatus = {
  labTimeMs: number;
  timeScale: number;
  faults: LabFault[];
  secretServer: string;
  currentMsid: string;
  servers: LabServerStatus[];
  /** a clustered MSS: the group, where it runs and its state */
  cluster?: { networkName: string; group: string; nodes: string[]; ownerNode: string; state: string };
};

/** The state of every server and SSODB at lab-now. Never contains a password. */
export function readLabStatus(dir: string): LabStatus {
  return withLabDb(dir, (db) =>
    inLabTransaction(db, () => {
      const { meta, now } = advanceLab(db);
      const global = readSsoGlobal(db);
      const servers = listServers(db).map(
        (s): LabServerStatus => ({
          name: s.name,
          kind: s.kind,
          reachable: s.reachable,
          unreachableReason: s.unreachableReason,
          entsso: s.entsso?.state ?? 'missing',
          actingAsMss: isRunning(s) && s.entsso?.secretServerActive === true,
          cachedMsid: isRunning(s) ? s.entsso?.cache?.current.msid : undefined,
          cachedFrom: isRunning(s) ? s.entsso?.cache?.from : undefined,
          ssoServerSetting: s.ssoServerUser ?? s.ssoServerAll,
          hostInstance: s.hostInstance,
        }),
      );
      const cluster = readCluster(db);
      const clusterStatus = cluster && {
        networkName: cluster.networkName,
        group: cluster.group,
        nodes: cluster.nodes,
        ownerNode: cluster.ownerNode,
        state: clusterGroupState(listClusterResources(db, cluster)),
      };
      return {
        ...(clusterStatus ? { cluster: clusterStatus } : {}),
        labTimeMs: now,
        timeScale: meta.timeScale,
        faults: meta.faults,
        secretServer: global.secretServer,
        currentMsid: global.currentMsid,
        servers,
      };
    }),
  );
}
