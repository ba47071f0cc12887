import { logEvent } from './event-log.js';
import { type EventSpec, entssoEvents } from './event-messages.js';
import type { LabDb } from '../store/lab-db.js';
import type { LabMeta, LabServer } from '../lab-types.js';
import { fetchSecret } from '../secrets/secret-server.js';
import { answersAs } from '../cluster/lab-cluster.js';
import { findServer } from '../store/server-store.js';
import { listBackupsBy } from '../secrets/backup-records.js';
import { readSsoGlobal, type SsoGlobal } from '../ssodb/sso-db.js';
import { readSsoss } from './ssoss-registry.js';
import { isDatabaseOnline } from '../dr-site/dr-site.js';

export const SERVICE_DISPLAY_NAME = 'Enterprise Single Sign-On Service';

/** The SQL Server and database this server's ENTSSO is configured to use. */
export function ssoDatabaseOf(meta: LabMeta, server: LabServer): { sqlServer: string; ssoDb: string } {
  return { sqlServer: server.entsso?.sqlServer ?? meta.sqlHost, ssoDb: server.entsso?.ssoDb ?? 'SSODB' };
}

/** Can this server reach a SQL Server on port 1433? */
export function canReachSqlHost(db: LabDb, meta: LabMeta, from: LabServer, sqlHost: string): boolean {
  const sql = findServer(db, sqlHost);
  const blocked =
    meta.faults.includes('sql-unreachable') && sqlHost.toLowerCase() === meta.sqlHost.toLowerCase();
  return from.reachable && sql?.kind === 'sql' && sql.reachable && !blocked;
}

/**
 * Can this server open the SSO database it is configured for? The SQL Server must answer, the database
 * must be the SSO system's (a wrong name is no SSO database) and open (a log-shipped copy is RESTORING
 * until it is restored to the mark).
 */
export function canReachSql(db: LabDb, meta: LabMeta, from: LabServer): boolean {
  const { sqlServer, ssoDb } = ssoDatabaseOf(meta, from);
  return (
    canReachSqlHost(db, meta, from, sqlServer) &&
    ssoDb.toLowerCase() === readSsoGlobal(db).dbName.toLowerCase() &&
    isDatabaseOnline(db, sqlServer, ssoDb)
  );
}

/** net start: the service goes start-pending; advanceLab completes it after the start delay. */
export function beginStart(db: LabDb, server: LabServer, now: number, meta: LabMeta): void {
  const entsso = server.entsso;
  if (!entsso) return;
  entsso.state = 'start-pending';
  entsso.since = now;
  entsso.startDoneAt = now + entsso.startDelayMs;
  entsso.lastError = undefined;
  const configured = ssoDatabaseOf(meta, server);
  logEvent(db, server.name, now, startingEvent(server, configured.sqlServer, configured.ssoDb));
}

/** 10501 or 10611: the service starting, with or without SSL to SSODB (ssoconfig -setSSL). */
export function startingEvent(server: LabServer, sql: string, db: string): EventSpec {
  return entssoEvents.starting(server.name, sql, db, server.entsso?.ssl !== false);
}

function failStart(db: LabDb, server: LabServer, now: number, eventId: number, reason: string): void {
  const entsso = server.entsso!;
  entsso.state = 'stopped';
  entsso.since = now;
  entsso.startDoneAt = undefined;
  entsso.lastError = eventId;
  logEvent(db, server.name, now, entssoEvents.startFailed(reason));
}

/** Why ENTSSO fails at start (F10, F12, F17), if it does. */
function startBlocker(
  db: LabDb,
  server: LabServer,
  meta: LabMeta,
  global: SsoGlobal,
): { event: EventSpec; reason: string } | undefined {
  const entsso = server.entsso!;
  if (!canReachSql(db, meta, server)) {
    return {
      event: entssoEvents.dbFirstAccess(
        ssoDatabaseOf(meta, server).sqlServer,
        ssoDatabaseOf(meta, server).ssoDb,
      ),
      reason: 'could not contact the SSO database',
    };
  }
  if (!entsso.accountInSsoAdmins) {
    return {
      event: entssoEvents.notSsoAdminService(global.ssoAdminAccount, entsso.account),
      reason: 'the service account is not an SSO administrator',
    };
  }
  if (entsso.version !== global.dbVersion) {
    return {
      event: entssoEvents.versionMismatch(global.sqlServer, global.dbName, global.dbVersion, entsso.version),
      reason: 'version mismatch with the SSO database',
    };
  }
  return undefined;
}

/** The start completes: checks SQL, account and version, then either becomes the MSS or fetches the secret. */
export function completeStart(db: LabDb, server: LabServer, now: number, meta: LabMeta): void {
  const entsso = server.entsso!;
  const global = readSsoGlobal(db);
  const blocker = startBlocker(db, server, meta, global);
  if (blocker) {
    logEvent(db, server.name, now, blocker.event);
    failStart(db, server, now, blocker.event.eventId, blocker.reason);
    return;
  }
  Object.assign(entsso, {
    state: 'running',
    since: now,
    startDoneAt: undefined,
    cache: undefined,
    lastCheckAt: now,
  });
  entsso.pickupStuck = undefined;
  entsso.secretWarnedFor = undefined;
  entsso.secretServerActive = answersAs(db, global.secretServer, server);
  if (entsso.secretServerActive) loadSecretAsMss(db, server, now, global.currentMsid);
  else fetchSecret(db, server, now, 'start');
  logEvent(db, server.name, now, entssoEvents.started());
}

function loadSecretAsMss(db: LabDb, server: LabServer, now: number, msid: string): void {
  const entsso = server.entsso!;
  logEvent(db, server.name, now, entssoEvents.secretServerStarting());
  const secrets = readSsoss(db, server.name, entsso.account);
  if (secrets.unreadable) {
    logEvent(db, server.name, now, entssoEvents.secretValidateFailed(msid));
    logEvent(db, server.name, now, entssoEvents.secretsNotLoaded());
    return;
  }
  if (!secrets.current) {
    logEvent(db, server.name, now, entssoEvents.noSecrets());
    return;
  }
  entsso.cache = { current: secrets.current, previous: secrets.previous, from: server.name, fetchedAt: now };
  if (secrets.current.msid !== msid) logEvent(db, server.name, now, entssoEvents.noSecrets());
  if (listBackupsBy(db, server.name, secrets.current.msid).length === 0)
    logEvent(db, server.name, now, entssoEvents.notBackedUp());
}

/** net stop: the in-memory secret is gone; the services that depend on ENTSSO (host instances, Rule Engine Update) stop too. */
export function stopEntsso(server: LabServer, now: number): void {
  const entsso = server.entsso;
  if (!entsso) return;
  Object.assign(entsso, {
    state: 'stopped',
    since: now,
    startDoneAt: undefined,
    cache: undefined,
    secretServerActive: false,
  });
  entsso.lastCheckAt = undefined;
  entsso.underCluster = undefined;
  entsso.rpcEndpointMissing = undefined;
  entsso.secretWarnedFor = undefined;
  if (server.hostInstance) server.hostInstance = 'stopped';
  for (const name of Object.keys(server.dependents ?? {})) server.dependents![name] = 'stopped';
}
