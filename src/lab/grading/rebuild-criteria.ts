import { sameHost } from '../store/server-store.js';
import { criterion, type Grade, type LabCriterion } from './grade-criteria.js';

/** The rebuilt server, not another survivor, became the master secret server, joined to the system's SSODB. */
export function rebuiltServerIsMss(g: Grade, rebuilt: string): LabCriterion {
  const server = g.servers.find((s) => sameHost(s.name, rebuilt));
  const named = sameHost(g.global.secretServer, rebuilt);
  const joined =
    server?.entsso !== undefined &&
    (server.entsso.sqlServer ?? g.meta.sqlHost).toLowerCase() === g.meta.sqlHost.toLowerCase() &&
    (server.entsso.ssoDb ?? 'SSODB').toLowerCase() === g.global.dbName.toLowerCase();
  return criterion(
    'rebuilt-server-is-mss',
    named && joined,
    named && joined
      ? `SSODB names ${rebuilt}, joined to ${g.global.dbName} on ${g.meta.sqlHost}`
      : !joined
        ? `${rebuilt} is not joined to ${g.global.dbName} on ${g.meta.sqlHost}`
        : `SSODB names ${g.global.secretServer}, not the rebuilt ${rebuilt}`,
  );
}
