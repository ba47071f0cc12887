import type { LabDb } from './lab-db.js';
import { LabInputError } from '../lab-input-error.js';
import type { LabServer } from '../lab-types.js';

export function listServers(db: LabDb): LabServer[] {
  const rows = db.prepare('SELECT data FROM servers ORDER BY rowid').all() as { data: string }[];
  return rows.map((row) => JSON.parse(row.data) as LabServer);
}

/** Case-insensitive, like Windows computer names. */
export function findServer(db: LabDb, name: string | undefined): LabServer | undefined {
  if (!name) return undefined;
  const row = db.prepare('SELECT data FROM servers WHERE name = ?').get(name) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as LabServer) : undefined;
}

export function requireServer(db: LabDb, name: string): LabServer {
  const server = findServer(db, name);
  if (!server) {
    const known = listServers(db).map((s) => s.name);
    throw new LabInputError(`unknown lab host '${name}'. The lab has: ${known.join(', ')}.`);
  }
  return server;
}

export function saveServer(db: LabDb, server: LabServer): void {
  db.prepare(
    'INSERT INTO servers (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data',
  ).run(server.name, JSON.stringify(server));
}

export function sameHost(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
