import { BIZTALK_DEPENDENTS } from '../tools/host-services.js';
import { type DrSite, LOG_SHIPPING_JOBS, MARKED_DATABASES, writeDrSite } from './dr-site.js';
import { loseServer } from '../faults/lab-faults-apply.js';
import type { LabDb } from '../store/lab-db.js';
import { readHostFile, writeHostFile } from '../store/lab-fs.js';
import type { LabMeta, LabServer } from '../lab-types.js';
import { listServers, saveServer } from '../store/server-store.js';

export const DR_SQL_HOST = 'SQL02';
export const DR_SERVERS = ['DRSSO01', 'DRBTS01'] as const;
export const DR_BACKUP_SHARE = '\\\\DRFS01\\SSOBackup';
export const REBUILT_SERVER = 'SSO03';
const LATEST_SET = 42;
const HOUR = 3_600_000;

/** A DR SSO server as "Preparing the Disaster Recovery BizTalk Servers" leaves it: joined to production, not processing. */
function createDrServer(
  meta: LabMeta,
  name: string,
  mss: boolean,
  version: string,
  operator: LabServer['operator'],
): LabServer {
  const t0 = meta.initLabMs;
  return {
    name,
    kind: 'sso',
    reachable: true,
    rpcBlocked: false,
    // the same operator account as at production: its rights faults hold here too
    operator: { ...operator },
    ...(mss ? {} : { hostInstance: 'stopped' as const, dependents: stoppedDependents() }),
    entsso: {
      // it still points at the production SQL Server, which went down with the site: it cannot start (10513)
      state: 'stopped',
      since: t0 - HOUR,
      startDelayMs: 20_000,
      version,
      account: `${meta.domain}\\svc-entsso`,
      accountInSsoAdmins: true,
      secretServerActive: false,
      sqlServer: meta.sqlHost,
      ssoDb: 'SSODB',
      lastError: 10513,
    },
  };
}

function stoppedDependents(): Record<string, 'running' | 'stopped'> {
  return Object.fromEntries(Object.keys(BIZTALK_DEPENDENTS).map((name) => [name, 'stopped' as const]));
}

/**
 * site-lost: the production site goes away (its SQL Server and every SSO server), and the DR site appears:
 * SQL02 with the log-shipped databases RESTORING at the set before the mark, and the DR SSO servers.
 */
export function buildDrSite(db: LabDb, meta: LabMeta, version: string): void {
  const t0 = meta.initLabMs;
  const faults: readonly string[] = meta.faults;
  const production = listServers(db);
  for (const server of production) {
    if (server.kind === 'sso') loseServer(server, false);
    else Object.assign(server, { reachable: false, unreachableReason: 'powered off' });
    saveServer(db, server);
  }
  saveServer(db, {
    name: DR_SQL_HOST,
    kind: 'sql',
    reachable: true,
    rpcBlocked: false,
    operator: { localAdmin: true, ssoAdmin: true, elevated: true },
  });
  const [drMss, ...others] = DR_SERVERS;
  const operator = production.find((s) => s.kind === 'sso')!.operator;
  for (const name of [drMss, ...others])
    saveServer(db, createDrServer(meta, name, name === drMss, version, operator));
  const backup = readHostFile(db, production.find((s) => s.kind === 'sso')!.name, meta.backupPath);
  if (backup && !faults.includes('dr-backup-missing'))
    writeHostFile(db, drMss, meta.backupPath, backup.content, t0 - 10 * 60_000);
  const behind = faults.includes('ssodb-behind-mark');
  const site: DrSite = {
    sqlHost: DR_SQL_HOST,
    servers: [...DR_SERVERS],
    mss: drMss,
    backupShare: DR_BACKUP_SHARE,
    latestSet: LATEST_SET,
    mark: `BTS_${new Date(t0 - 15 * 60_000).toISOString().slice(0, 16).replace(/\D/g, '_')}`,
    databases: Object.fromEntries(
      MARKED_DATABASES.map((name) => [
        name,
        {
          restoredSet: behind && name === 'SSODB' ? LATEST_SET - 4 : LATEST_SET - 1,
          state: 'RESTORING' as const,
        },
      ]),
    ),
    jobs: Object.fromEntries(Object.values(LOG_SHIPPING_JOBS).map((name) => [name, { enabled: true }])),
  };
  writeDrSite(db, site);
}

/**
 * server-rebuilt: SSO03 was installed from scratch and joined to the SSO system after the MSS was lost
 * (How to Recover Enterprise Single Sign-On): ENTSSO runs, but holds no secret and runs no BizTalk host.
 */
export function rebuildServer(server: LabServer | undefined): void {
  if (!server?.entsso) return;
  server.hostInstance = undefined;
  server.dependents = undefined;
  Object.assign(server.entsso, { cache: undefined, secretServerActive: false });
}

/** A join with a wrong name: ENTSSO cannot open the SSO database it was given (10513) and stays stopped. */
export function joinWrongly(
  server: LabServer | undefined,
  wrong: { sqlServer?: string; ssoDb?: string },
): void {
  if (!server?.entsso) return;
  Object.assign(server.entsso, { ...wrong, state: 'stopped', lastError: 10513, lastCheckAt: undefined });
}
