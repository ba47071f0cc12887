import { canReachSql, completeStart } from './services/entsso-service.js';
import type { LabDb } from './store/lab-db.js';
import { labTimeAt, readMeta, writeMeta } from './store/lab-meta.js';
import type { LabMeta, LabServer } from './lab-types.js';
import { fetchSecret } from './secrets/secret-server.js';
import { findServer, listServers, saveServer } from './store/server-store.js';

/**
 * Non-MSS servers check whether the master secret changed every 30 s: "The other Single Sign-On servers
 * check every 30 seconds to see whether the master secret has changed" (Master Secret Server,
 * https://learn.microsoft.com/en-us/biztalk/core/master-secret-server). The technical guide says 60 s;
 * runbooks wait long enough for either (README, "What the runbooks do, and why").
 */
export const SECRET_POLL_MS = 30_000;
/**
 * old-mss-returns: how long after secretServer changes the old MSS comes back — soon enough to
 * reappear in the middle of a drill, before its wrap-up.
 */
export const OLD_MSS_RETURN_DELAY_MS = 30_000;

type Transition = { at: number; kind: 'start' | 'return' | 'poll'; server: LabServer };

function pendingTransitions(db: LabDb, meta: LabMeta): Transition[] {
  const list: Transition[] = [];
  for (const server of listServers(db)) {
    const entsso = server.entsso;
    if (entsso?.state === 'start-pending' && entsso.startDoneAt !== undefined) {
      list.push({ at: entsso.startDoneAt, kind: 'start', server });
    }
    if (
      entsso?.state === 'running' &&
      server.reachable &&
      !entsso.secretServerActive &&
      entsso.lastCheckAt !== undefined
    ) {
      list.push({ at: entsso.lastCheckAt + SECRET_POLL_MS, kind: 'poll', server });
    }
  }
  const old = findServer(db, meta.originalMss);
  if (meta.oldMssReturnAt !== undefined && old && !old.reachable)
    list.push({ at: meta.oldMssReturnAt, kind: 'return', server: old });
  const order = { start: 0, return: 1, poll: 2 };
  return list.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
}

function applyTransition(db: LabDb, meta: LabMeta, next: Transition, limit: number): void {
  const server = next.server;
  if (next.kind === 'start') completeStart(db, server, next.at, meta);
  if (next.kind === 'return') {
    server.reachable = true;
    server.unreachableReason = undefined;
    writeMeta(db, { oldMssReturnAt: undefined });
  }
  if (next.kind === 'poll') {
    // without SSODB the server cannot even learn who the MSS is: it keeps what it has
    if (canReachSql(db, meta, server) && !server.entsso!.pickupStuck)
      fetchSecret(db, server, next.at, 'poll');
    // a poll changes nothing until something else happens, so skip the identical polls up to then
    const skipped = Math.max(0, Math.floor((limit - next.at) / SECRET_POLL_MS));
    server.entsso!.lastCheckAt = next.at + skipped * SECRET_POLL_MS;
  }
  saveServer(db, server);
}

/**
 * No daemon: every command first brings the model to lab-now, applying due transitions in order
 * (service starts completing, the old MSS coming back, secret polls). Returns the meta and lab-now.
 */
export function advanceLab(db: LabDb): { meta: LabMeta; now: number } {
  let meta = readMeta(db);
  const now = Math.max(labTimeAt(meta, Date.now()), meta.lastAdvancedMs);
  for (let guard = 0; guard < 100_000; guard++) {
    const pending = pendingTransitions(db, meta);
    const next = pending[0];
    if (!next || next.at > now) break;
    const otherTimes = pending.filter((t) => t.kind !== 'poll').map((t) => t.at);
    applyTransition(db, meta, next, Math.min(now, ...otherTimes));
    meta = readMeta(db);
  }
  writeMeta(db, { lastAdvancedMs: now });
  return { meta: { ...meta, lastAdvancedMs: now }, now };
}
