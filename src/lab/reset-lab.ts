import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  INITIAL_DB_FILE,
  inLabTransaction,
  LAB_DB_FILE,
  type LabDb,
  openLabDb,
  withLabDb,
} from './store/lab-db.js';
import { labTimeAt, readMeta, writeMeta } from './store/lab-meta.js';
import type { LabServer } from './lab-types.js';
import { listServers, saveServer } from './store/server-store.js';

function shiftServer(server: LabServer, delta: number): LabServer {
  const entsso = server.entsso;
  if (!entsso) return server;
  const shift = (t: number | undefined) => (t === undefined ? undefined : t + delta);
  entsso.since += delta;
  entsso.startDoneAt = shift(entsso.startDoneAt);
  entsso.lastCheckAt = shift(entsso.lastCheckAt);
  if (entsso.cache) entsso.cache.fetchedAt += delta;
  return server;
}

/** Moves every stored lab instant by delta, so the initial state starts at lab-now. */
function shiftLabTime(db: LabDb, delta: number): void {
  for (const [table, column] of [
    ['events', 'time'],
    ['files', 'mtime'],
    ['backups', 'time'],
    ['ssodb_history', 'time'],
    ['command_log', 'time'],
  ]) {
    db.prepare(`UPDATE ${table} SET ${column} = ${column} + ?`).run(delta);
  }
  for (const server of listServers(db)) saveServer(db, shiftServer(server, delta));
}

/** Back to the state right after init (same servers, faults, secrets and backup files); lab time keeps running. */
export function resetLab(dir: string): void {
  openLabDb(dir).close();
  for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `${LAB_DB_FILE}${suffix}`), { force: true });
  copyFileSync(join(dir, INITIAL_DB_FILE), join(dir, LAB_DB_FILE));
  withLabDb(dir, (db) =>
    inLabTransaction(db, () => {
      const meta = readMeta(db);
      const now = labTimeAt(meta, Date.now());
      shiftLabTime(db, now - meta.initLabMs);
      writeMeta(db, { initLabMs: now, lastAdvancedMs: now, oldMssReturnAt: undefined });
    }),
  );
}
