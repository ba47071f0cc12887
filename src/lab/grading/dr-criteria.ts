import { MARKED_DATABASES, readDrSite } from '../dr-site/dr-site.js';
import { ssoDatabaseOf } from '../services/entsso-service.js';
import { isRunning } from '../secrets/secret-server.js';
import { sameHost } from '../store/server-store.js';
import { criterion, type Grade, type LabCriterion } from './grade-criteria.js';

/**
 * Every database the Backup BizTalk Server job marks is online on the DR SQL Server, restored to the mark of
 * the last log backup set: "You must restore all databases to the same mark" (How to Restore Your Databases).
 */
export function restoredToMark(g: Grade): LabCriterion {
  const site = readDrSite(g.db);
  if (!site) return criterion('databases-at-mark', false, 'the lab has no DR site');
  const off = MARKED_DATABASES.filter((name) => {
    const database = site.databases[name]!;
    return database.state !== 'ONLINE' || database.stopAtMark !== site.mark;
  });
  return criterion(
    'databases-at-mark',
    off.length === 0,
    off.length === 0
      ? `${MARKED_DATABASES.join(', ')} are online on ${site.sqlHost}, restored to mark ${site.mark}`
      : `not online at mark ${site.mark} on ${site.sqlHost}: ${off.map((name) => `${name} (${site.databases[name]!.state}, ${site.databases[name]!.stopAtMark ?? 'no mark'})`).join(', ')}`,
  );
}

/** Every DR SSO server runs ENTSSO against SSODB on the DR SQL Server, none against the lost production one. */
export function ssoOnDrSql(g: Grade): LabCriterion {
  const site = readDrSite(g.db);
  if (!site) return criterion('sso-on-dr-sql', false, 'the lab has no DR site');
  const off = g.servers
    .filter((s) => site.servers.some((name) => sameHost(name, s.name)))
    .filter((s) => !isRunning(s) || !sameHost(ssoDatabaseOf(g.meta, s).sqlServer, site.sqlHost));
  return criterion(
    'sso-on-dr-sql',
    off.length === 0,
    off.length === 0
      ? `ENTSSO runs on ${site.servers.join(', ')} against ${g.global.dbName} on ${site.sqlHost}`
      : `not running against ${site.sqlHost}: ${off.map((s) => `${s.name} (${ssoDatabaseOf(g.meta, s).sqlServer}, ${s.entsso?.state ?? 'no ENTSSO'})`).join(', ')}`,
  );
}
