import type { LabDb } from '../store/lab-db.js';
import { answersAs } from '../cluster/lab-cluster.js';
import { readMetaValue, writeMetaValue } from '../store/lab-meta.js';
import type { LabServer } from '../lab-types.js';
import { requestSecret } from '../secrets/secret-server.js';
import { sameHost } from '../store/server-store.js';
import { readSsoGlobal } from '../ssodb/sso-db.js';

/** BizTalk services stopped on a server, and whether the failover needed it (the no-processing-outage grade). */
export type ProcessingStop = { host: string; at: number; services: string[]; neededBecause?: string };

const KEY = 'processingStops';

/**
 * Why stopping ENTSSO (and with it the BizTalk services) on this server is part of the procedure, or
 * undefined when it is not: the server becomes or stops being the MSS (an ENTSSO restart is documented),
 * or the MSS serves the secret now and this server has not fetched it (a laggard of the periodic check).
 */
export function whyStopNeeded(db: LabDb, server: LabServer, now: number): string | undefined {
  const entsso = server.entsso;
  if (entsso?.state !== 'running') return 'ENTSSO was not running';
  const named = readSsoGlobal(db).secretServer;
  const isNamed = answersAs(db, named, server);
  if (isNamed && !entsso.secretServerActive) return 'it becomes the master secret server';
  if (!isNamed && entsso.secretServerActive) return 'it stops being the master secret server';
  if (entsso.secretServerActive) return undefined;
  const answer = requestSecret(db, server, now, false);
  if (!answer.ok) return undefined;
  const cache = entsso.cache;
  const current =
    cache !== undefined && cache.current.msid === answer.current.msid && sameHost(cache.from, answer.mss);
  return current ? undefined : `it had not fetched the secret from ${answer.mss}`;
}

/** Records BizTalk services about to be stopped on a server (call before the stop changes anything). */
export function recordProcessingStop(db: LabDb, server: LabServer, now: number, services: string[]): void {
  if (services.length === 0) return;
  const why = whyStopNeeded(db, server, now);
  const stop: ProcessingStop = {
    host: server.name,
    at: now,
    services,
    ...(why ? { neededBecause: why } : {}),
  };
  writeMetaValue(db, KEY, [...readProcessingStops(db), stop]);
}

export function readProcessingStops(db: LabDb): ProcessingStop[] {
  return readMetaValue<ProcessingStop[]>(db, KEY) ?? [];
}
