import type { LabDb } from '../store/lab-db.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import type { LabServer, MasterSecret } from '../lab-types.js';
import { answersAs, resolveHost } from '../cluster/lab-cluster.js';
import { sameHost } from '../store/server-store.js';
import { readSsoGlobal } from '../ssodb/sso-db.js';

export const RPC_UNAVAILABLE = '0x800706BA, The RPC server is unavailable.';
export const NO_SECRETS_CODE = '0x80002918';
export const NO_ENDPOINTS = '0x800706D9, There are no more endpoints available from the endpoint mapper.';

/** Can `from` make RPC calls to `to`? (powered off / cut off, or inbound RPC blocked by a firewall) */
export function canReachRpc(from: LabServer, to: LabServer): boolean {
  return from.reachable && to.reachable && (sameHost(from.name, to.name) || !to.rpcBlocked);
}

export function isRunning(server: LabServer | undefined): boolean {
  return server?.entsso?.state === 'running';
}

export type SecretAnswer =
  | { ok: true; mss: string; current: MasterSecret; previous?: MasterSecret }
  | { ok: false; mss: string; code: string };

/** Asks the MSS named in SSODB for the secret SSODB's data is encrypted under (logs 10520 on the MSS if it lacks it). */
export function requestSecret(db: LabDb, from: LabServer, now: number, logMiss: boolean): SecretAnswer {
  const global = readSsoGlobal(db);
  const mss = resolveHost(db, global.secretServer);
  // a cluster network name stays the name clients know the MSS by, whichever node owns it
  const name = mss && sameHost(mss.name, global.secretServer) ? mss.name : global.secretServer;
  if (mss?.entsso?.rpcEndpointMissing && isRunning(mss) && canReachRpc(from, mss))
    return { ok: false, mss: name, code: NO_ENDPOINTS };
  if (
    !mss?.entsso ||
    !canReachRpc(from, mss) ||
    !isRunning(mss) ||
    !mss.entsso.secretServerActive ||
    !answersAs(db, global.secretServer, mss)
  ) {
    return { ok: false, mss: name, code: RPC_UNAVAILABLE };
  }
  const cache = mss.entsso.cache;
  if (!cache || cache.current.msid !== global.currentMsid) {
    if (logMiss) logEvent(db, mss.name, now, entssoEvents.noSecrets());
    return { ok: false, mss: name, code: NO_SECRETS_CODE };
  }
  return { ok: true, mss: name, current: cache.current, previous: cache.previous };
}

/** A non-MSS server fetches (or re-checks) the secret. On failure it keeps what it has: the cache survives an outage. */
export function fetchSecret(db: LabDb, server: LabServer, now: number, reason: 'start' | 'poll'): void {
  const entsso = server.entsso;
  if (!entsso) return;
  const named = readSsoGlobal(db).secretServer;
  const warned = entsso.secretWarnedFor !== undefined && sameHost(entsso.secretWarnedFor, named);
  const answer = requestSecret(db, server, now, !warned);
  if (!answer.ok) {
    if (!warned) logEvent(db, server.name, now, entssoEvents.lostSecretServer(answer.mss, answer.code));
    entsso.secretWarnedFor = named;
    return;
  }
  entsso.secretWarnedFor = undefined;
  const cache = entsso.cache;
  // "re-read it only if it changed": same MSID from the same secret server means nothing to do
  if (cache && cache.current.msid === answer.current.msid && sameHost(cache.from, answer.mss)) return;
  entsso.cache = { current: answer.current, previous: answer.previous, from: answer.mss, fetchedAt: now };
  logEvent(
    db,
    server.name,
    now,
    entssoEvents.gotSecret(reason === 'start' ? 10529 : 10533, answer.mss, answer.current.msid),
  );
}
