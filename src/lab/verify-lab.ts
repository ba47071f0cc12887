import { advanceLab } from './advance-lab.js';
import {
  fetched,
  freshBackup,
  type Grade,
  type LabCriterion,
  type LabVerdict,
  liveMss,
  mssSecret,
  noProcessingOutage,
  noRogueMss,
  reads,
  unchanged,
  writes,
} from './grading/grade-criteria.js';
import { inLabTransaction, withLabDb } from './store/lab-db.js';
import { LAB_WRITE_TEST_APP } from './lab-environment.js';
import { readMetaValue } from './store/lab-meta.js';
import type { LabSnapshot } from './store/lab-snapshot.js';
import { mssMoved, mssRestartedCleanly, mssUnchanged, readOnly } from './grading/scenario-criteria.js';
import {
  entssoUnderCluster,
  fetchedThroughNetworkName,
  ssodbNamesNetworkName,
} from './grading/cluster-criteria.js';
import { type LabCluster, readCluster, resolveHost } from './cluster/lab-cluster.js';
import { listServers } from './store/server-store.js';
import { restoredToMark, ssoOnDrSql } from './grading/dr-criteria.js';
import { rebuiltServerIsMss } from './grading/rebuild-criteria.js';
import { REBUILT_SERVER } from './dr-site/build-dr-site.js';
import { readSsoGlobal } from './ssodb/sso-db.js';
import { offBoxRecord } from './grading/off-box-criteria.js';

export type { LabCriterion, LabVerdict } from './grading/grade-criteria.js';

type GradeSet = (g: Grade, snapshot: LabSnapshot) => LabCriterion[];

/** Every working deployment: one live MSS with the secret SSODB uses, served to all, data intact. */
const healthy: GradeSet = (g, snapshot) => [
  liveMss(g),
  mssSecret(g),
  fetched(g),
  reads(g),
  writes(g),
  noProcessingOutage(g),
  ...unchanged(g, snapshot),
];

/** A clustered MSS after a failover: the network name served by the owner alone, working everywhere, intact. */
const clusterFailover =
  (cluster: LabCluster): GradeSet =>
  (g, snapshot) => [
    ssodbNamesNetworkName(g, cluster),
    mssSecret(g),
    entssoUnderCluster(g, cluster),
    fetchedThroughNetworkName(g, cluster),
    reads(g),
    writes(g),
    noProcessingOutage(g),
    ...unchanged(g, snapshot),
  ];

/** What "passed" means for each runbook's drill; a runbook not listed here is graded as a failover. */
const GRADE_SETS: Record<string, GradeSet> = {
  'rebuild-master-secret-server': (g, s) => [
    rebuiltServerIsMss(g, REBUILT_SERVER),
    ...healthy(g, s),
    freshBackup(g),
    noRogueMss(g),
  ],
  'recover-sso-at-dr-site': (g, s) => [
    restoredToMark(g),
    ssoOnDrSql(g),
    ...healthy(g, s),
    freshBackup(g, 'the DR MSS was named'),
    noRogueMss(g),
  ],
  'designate-new-master-secret-server': (g, s) => [...healthy(g, s), freshBackup(g), noRogueMss(g)],
  'back-up-master-secret': (g, s) => [mssUnchanged(g), ...healthy(g, s), freshBackup(g, 'the drill began')],
  'schedule-master-secret-backup': (g, s) => [
    mssUnchanged(g),
    ...healthy(g, s),
    freshBackup(g, 'the drill began'),
    offBoxRecord(g),
  ],
  'restore-master-secret': (g, s) => [
    mssUnchanged(g),
    ...healthy(g, s),
    mssRestartedCleanly(g),
    noRogueMss(g),
  ],
  'move-master-secret-server': (g, s) => [
    mssMoved(g),
    ...healthy(g, s),
    freshBackup(g, 'the move'),
    noRogueMss(g),
  ],
  'verify-sso': (g, s) => [mssUnchanged(g), ...healthy(g, s), noRogueMss(g), readOnly(g, LAB_WRITE_TEST_APP)],
  'sso-security-review': (g, s) => [mssUnchanged(g), ...healthy(g, s), noRogueMss(g), readOnly(g, undefined)],
};

/**
 * Grades a drill from the lab model. Without a runbook id (or for one not listed) it grades a failover:
 * is the lab back to one live MSS with the original secret, working everywhere, backed up?
 */
export function verifyLab(dir: string, runbookId?: string): LabVerdict {
  return withLabDb(dir, (db) =>
    inLabTransaction(db, () => {
      const { meta, now } = advanceLab(db);
      const global = readSsoGlobal(db);
      const g: Grade = {
        db,
        meta,
        now,
        global,
        servers: listServers(db),
        mss: resolveHost(db, global.secretServer),
      };
      const snapshot = readMetaValue<LabSnapshot>(db, 'snapshot')!;
      const cluster = readCluster(db);
      // a cluster lab is graded as a clustered failover unless the runbook has its own set
      const grade =
        GRADE_SETS[runbookId ?? ''] ??
        (cluster ? clusterFailover(cluster) : GRADE_SETS['designate-new-master-secret-server']!);
      const criteria = grade(g, snapshot);
      return { passed: criteria.every((c) => c.passed), criteria };
    }),
  );
}
