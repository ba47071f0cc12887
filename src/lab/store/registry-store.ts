import type { LabDb } from './lab-db.js';

export type RegValue = { name: string; type: string; data: string };

// Keys are stored as HKLM\...; a row with name '' and type KEY marks that the key exists.
export function normalizeRegPath(path: string): string {
  return path
    .replace(/^HKEY_LOCAL_MACHINE(?=\\|$)/i, 'HKLM')
    .replace(/\\+$/, '')
    .replace(/\\+/g, '\\');
}

export function ensureRegKey(db: LabDb, host: string, path: string): void {
  const parts = normalizeRegPath(path).split('\\');
  for (let i = 1; i <= parts.length; i++) {
    db.prepare(
      "INSERT OR IGNORE INTO registry (host, path, name, type, data) VALUES (?, ?, '', 'KEY', '')",
    ).run(host, parts.slice(0, i).join('\\'));
  }
}

export function setRegValue(db: LabDb, host: string, path: string, value: RegValue): void {
  ensureRegKey(db, host, path);
  db.prepare(
    'INSERT INTO registry (host, path, name, type, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(host, path, name) DO UPDATE SET type = excluded.type, data = excluded.data',
  ).run(host, normalizeRegPath(path), value.name, value.type, value.data);
}

export function regKeyExists(db: LabDb, host: string, path: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM registry WHERE host = ? AND path = ? AND name = ''")
      .get(host, normalizeRegPath(path)) !== undefined
  );
}

export function listRegValues(db: LabDb, host: string, path: string): RegValue[] {
  return db
    .prepare("SELECT name, type, data FROM registry WHERE host = ? AND path = ? AND name <> '' ORDER BY name")
    .all(host, normalizeRegPath(path)) as RegValue[];
}

/** Direct subkeys' full paths. */
export function listSubkeys(db: LabDb, host: string, path: string): string[] {
  const base = normalizeRegPath(path);
  const rows = db
    .prepare(
      "SELECT path FROM registry WHERE host = ? AND name = '' AND path LIKE ? ESCAPE '!' ORDER BY path",
    )
    .all(host, `${base.replace(/[!%_]/g, '!$&')}\\%`) as { path: string }[];
  return rows.map((row) => row.path).filter((p) => !p.slice(base.length + 1).includes('\\'));
}

export function deleteRegTree(db: LabDb, host: string, path: string): void {
  const base = normalizeRegPath(path);
  db.prepare("DELETE FROM registry WHERE host = ? AND (path = ? OR path LIKE ? ESCAPE '!')").run(
    host,
    base,
    `${base.replace(/[!%_]/g, '!$&')}\\%`,
  );
}
