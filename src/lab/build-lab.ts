import { randomUUID } from 'node:crypto';
import { createBackupFile, createPasswordVerifier } from './secrets/backup-file.js';
import { recordBackup } from './secrets/backup-records.js';
import { logEvent } from './services/event-log.js';
import { entssoEvents } from './services/event-messages.js';
import { startingEvent } from './services/entsso-service.js';
import { faultEntries, type GoodSecrets, type LabFault } from './faults/fault-registry.js';
import { applyServerFaults } from './faults/apply-server-faults.js';
import type { LabDb } from './store/lab-db.js';
import { buildClusterNodes } from './cluster/build-cluster.js';
import type { LabCluster } from './cluster/lab-cluster.js';
import { ENTSSO_START_MS } from './faults/lab-faults-apply.js';
import { writeHostFile } from './store/lab-fs.js';
import { writeOffBoxCopy } from './secrets/off-box-copy.js';
import { writeMeta, writeMetaValue } from './store/lab-meta.js';
import { takeSnapshot } from './store/lab-snapshot.js';
import type { LabMeta, LabServer, MasterSecret } from './lab-types.js';
import { generateMasterSecret, sha256Hex } from './secrets/master-secret.js';
import { setRegValue } from './store/registry-store.js';
import { seedSmokeTestMapping, seedSsoApps } from './ssodb/seed-ssodb.js';
import { saveServer } from './store/server-store.js';
import { addSsoHistory, writeSsoGlobal } from './ssodb/sso-db.js';
import { writeSsoss } from './services/ssoss-registry.js';
import { BIZTALK_DEPENDENTS } from './tools/host-services.js';
import { REBUILT_SERVER } from './dr-site/build-dr-site.js';

export const ENTSSO_VERSION = '11.0.2290.0';

export type LabPlan = {
  servers: string[];
  mss: string;
  faults: LabFault[];
  meta: LabMeta;
  password: string;
  reminder: string;
  /** a clustered MSS: plan.mss is then the cluster network name */
  cluster?: LabCluster;
};

const HOUR = 3_600_000;

function createServer(
  plan: LabPlan,
  name: string,
  t0: number,
  secrets: { current: MasterSecret; previous: MasterSecret },
): LabServer {
  const mss = name === plan.mss;
  return {
    name,
    kind: 'sso',
    reachable: true,
    rpcBlocked: false,
    operator: { localAdmin: true, ssoAdmin: true, elevated: true },
    hostInstance: mss ? undefined : 'running',
    ...(mss ? {} : { dependents: { ...BIZTALK_DEPENDENTS } }),
    entsso: {
      state: 'running',
      since: t0 - HOUR,
      startDelayMs: ENTSSO_START_MS,
      version: ENTSSO_VERSION,
      account: `${plan.meta.domain}\\svc-entsso`,
      accountInSsoAdmins: true,
      secretServerActive: mss,
      cache: { ...secrets, from: plan.mss, fetchedAt: t0 - HOUR },
      lastCheckAt: mss ? undefined : t0,
    },
  };
}

function logBootEvents(db: LabDb, plan: LabPlan, server: LabServer, t0: number, msid: string): void {
  const at = t0 - HOUR;
  const node = plan.cluster?.nodes.includes(server.name);
  // the passive node's ENTSSO is stopped; the owner's started under the cluster as the MSS
  if (node && server.name !== plan.cluster!.ownerNode) return;
  if (node) {
    logEvent(db, server.name, at, startingEvent(server, plan.meta.sqlHost, 'SSODB'));
    logEvent(db, server.name, at + 1000, entssoEvents.secretServerStarting());
    logEvent(db, server.name, at + 2000, entssoEvents.started());
    return;
  }
  logEvent(db, server.name, at, startingEvent(server, plan.meta.sqlHost, 'SSODB'));
  if (server.name === plan.mss) logEvent(db, server.name, at + 1000, entssoEvents.secretServerStarting());
  else logEvent(db, server.name, at + 1000, entssoEvents.gotSecret(10529, plan.mss, msid));
  logEvent(db, server.name, at + 2000, entssoEvents.started());
}

function writeGlobal(db: LabDb, plan: LabPlan, systemId: string, msid: string): void {
  const d = plan.meta.domain;
  writeSsoGlobal(db, {
    secretServer: plan.mss,
    // site-specific on purpose: runbooks must read it from SSODB, not assume the default name
    ssoAdminAccount: `${d}\\BizTalk SSO Admins`,
    ssoAffiliateAdminAccount: `${d}\\SSO Affiliate Administrators`,
    auditDeletedApps: '1000',
    auditDeletedMappings: '1000',
    auditCredentialLookups: '1000',
    ticketTimeout: '2',
    credCacheTimeout: '60',
    ssoEnabled: '1',
    ticketsAllowed: '0',
    currentMsid: msid,
    systemId,
    dbVersion: ENTSSO_VERSION,
    sqlServer: plan.meta.sqlHost,
    dbName: 'SSODB',
  });
}

/** Fills a new lab database: SSODB, servers, registry, events, the initial backup on every SSO server. */
export function buildLab(db: LabDb, plan: LabPlan): void {
  const t0 = plan.meta.initLabMs;
  writeMeta(db, plan.meta);
  const secrets = { previous: generateMasterSecret(), current: generateMasterSecret() };
  const systemId = randomUUID();
  writeGlobal(db, plan, systemId, secrets.current.msid);
  seedSsoApps(db, secrets.current, plan.meta.domain);
  addSsoHistory(db, t0 - 400 * 24 * HOUR, 'createSystem', `SSO system ${systemId} created; MSS ${plan.mss}`);
  addSsoHistory(db, t0 - 30 * 24 * HOUR, 'generateSecret', `new MSID ${secrets.current.msid}`);
  writeMetaValue(db, 'snapshot', takeSnapshot(db, secrets.current));
  // the smoke-test mapping the write test rewrites: meant to change, so it is not in the snapshot
  seedSmokeTestMapping(db, secrets.current, plan.meta.domain);
  const servers = plan.servers.map((name) => createServer(plan, name, t0, secrets));
  const rebuilt = plan.faults.includes('server-rebuilt')
    ? servers.find((s) => s.name === REBUILT_SERVER)
    : undefined;
  for (const server of servers) {
    setRegValue(db, server.name, 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO', {
      name: 'Version',
      type: 'REG_SZ',
      data: ENTSSO_VERSION,
    });
    // a rebuilt server has no history from before the loss
    if (server !== rebuilt) logBootEvents(db, plan, server, t0, secrets.current.msid);
  }
  if (!plan.cluster) writeSsoss(db, plan.mss, secrets, `${plan.meta.domain}\\svc-entsso`);
  writeBackups(db, plan, { systemId, ...secrets }, t0);
  applyServerFaults(servers, plan.mss, plan.faults);
  if (plan.cluster) {
    const { faults } = plan;
    buildClusterNodes({
      db,
      cluster: plan.cluster,
      servers,
      secrets,
      faults,
      sqlHost: plan.meta.sqlHost,
      t0,
    });
  }
  for (const server of servers) saveServer(db, server);
  const build = {
    db,
    mss: plan.mss,
    sqlHost: plan.meta.sqlHost,
    domain: plan.meta.domain,
    t0,
    msid: secrets.current.msid,
  };
  saveServer(db, {
    name: plan.meta.sqlHost,
    kind: 'sql',
    reachable: true,
    rpcBlocked: false,
    operator: { localAdmin: true, ssoAdmin: true, elevated: true },
  });
  for (const entry of faultEntries(plan.faults)) entry.build?.(build);
}

/** The initial backup, taken on the MSS and copied to every SSO server; the backup faults swap the first copy. */
function writeBackups(
  db: LabDb,
  plan: LabPlan,
  good: { systemId: string; current: MasterSecret; previous: MasterSecret },
  t0: number,
): void {
  const taken = t0 - 10 * 60_000;
  const file = createBackupFile(good, plan.password, plan.reminder);
  const verifier = createPasswordVerifier(plan.password);
  // a clustered MSS was backed up on the node that owned the group
  const origin = plan.cluster?.ownerNode ?? plan.mss;
  recordBackup(db, {
    host: origin,
    path: plan.meta.backupPath,
    time: taken,
    msid: good.current.msid,
    sha256: sha256Hex(file),
    verifier,
    opened: true,
  });
  logEvent(
    db,
    origin,
    taken,
    entssoEvents.backedUp(plan.meta.backupPath, good.current.msid, good.previous.msid, {
      user: plan.meta.operatorUser,
      computer: origin,
    }),
  );
  const first = faultyBackup(plan, good) ?? file;
  for (const name of plan.servers) {
    writeHostFile(db, name, plan.meta.backupPath, first, taken);
    writeHostFile(db, name, plan.meta.secondBackupPath, file, taken);
  }
  // the safe holds what the servers hold; its record names what the routine backed up
  const stale = faultEntries(plan.faults).find((e) => e.recorded)?.recorded;
  if (stale) logStaleBackupHistory(db, plan, origin, good, stale);
  writeOffBoxCopy(db, {
    host: plan.meta.sqlHost,
    mssPath: plan.meta.backupPath,
    mss: origin,
    file: first,
    recorded: stale ? first : file,
    msid: stale ? good.previous.msid : good.current.msid,
    time: stale ? t0 - stale.takenAgoMs : taken,
  });
}

/**
 * A fault whose faulty backup the routine itself recorded (stale-backup), as the event logs show it: the
 * backup's 10559 names the previous MSID, a later 10525 the current one, and nobody backed up since.
 */
function logStaleBackupHistory(
  db: LabDb,
  plan: LabPlan,
  origin: string,
  good: GoodSecrets,
  stale: { takenAgoMs: number; generatedAgoMs: number },
): void {
  const t0 = plan.meta.initLabMs;
  const client = { user: plan.meta.operatorUser, computer: origin };
  db.prepare('DELETE FROM events WHERE host = ? AND event_id = 10559').run(origin);
  const file = plan.meta.backupPath;
  logEvent(db, origin, t0 - stale.takenAgoMs, entssoEvents.backedUp(file, good.previous.msid, '', client));
  logEvent(
    db,
    origin,
    t0 - stale.generatedAgoMs,
    entssoEvents.generated(good.current.msid, client, randomUUID()),
  );
}

/** The first backup fault's file, if any (the registry's order decides when several are named). */
function faultyBackup(plan: LabPlan, good: GoodSecrets): Buffer | undefined {
  const entry = faultEntries(plan.faults).find((e) => e.backup);
  return entry?.backup?.(good, plan.password, plan.reminder);
}
