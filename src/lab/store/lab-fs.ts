import type { LabDb } from './lab-db.js';

// Tools run from an elevated cmd, whose working directory is system32.
const DEFAULT_CWD = 'C:\\Windows\\system32';

/** Windows path semantics: either slash, case-insensitive, relative paths resolved against system32. */
export function resolveWinPath(path: string): string {
  let p = path
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/\//g, '\\');
  if (!/^[A-Za-z]:\\/.test(p)) p = `${DEFAULT_CWD}\\${p.replace(/^\\+/, '')}`;
  p = p.replace(/\\+/g, '\\').replace(/\\$/, '');
  return p.charAt(0).toUpperCase() + p.slice(1);
}

function pathKey(path: string): string {
  return resolveWinPath(path).toLowerCase();
}

export type LabFile = { path: string; content: Buffer; mtime: number };

export function writeHostFile(
  db: LabDb,
  host: string,
  path: string,
  content: Buffer | string,
  time: number,
): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  db.prepare(
    'INSERT INTO files (host, path_key, path, content, mtime) VALUES (?, ?, ?, ?, ?) ON CONFLICT(host, path_key) DO UPDATE SET path = excluded.path, content = excluded.content, mtime = excluded.mtime',
  ).run(host, pathKey(path), resolveWinPath(path), data, time);
}

export function readHostFile(db: LabDb, host: string, path: string): LabFile | undefined {
  const row = db
    .prepare('SELECT path, content, mtime FROM files WHERE host = ? AND path_key = ?')
    .get(host, pathKey(path)) as LabFile | undefined;
  return row ? { path: row.path, content: Buffer.from(row.content), mtime: row.mtime } : undefined;
}

/** The files directly in a folder of a host whose name ends with `extension` (e.g. ".bak"), case-insensitive. */
export function listFolderFiles(db: LabDb, host: string, folder: string, extension: string): string[] {
  const prefix = `${pathKey(folder)}\\`;
  const rows = db.prepare('SELECT path, path_key FROM files WHERE host = ?').all(host) as {
    path: string;
    path_key: string;
  }[];
  return rows
    .filter(
      (r) =>
        r.path_key.startsWith(prefix) &&
        !r.path_key.slice(prefix.length).includes('\\') &&
        r.path_key.endsWith(extension.toLowerCase()),
    )
    .map((r) => r.path);
}

/** Removes a file of a host; false when there was none. */
export function deleteHostFile(db: LabDb, host: string, path: string): boolean {
  return db.prepare('DELETE FROM files WHERE host = ? AND path_key = ?').run(host, pathKey(path)).changes > 0;
}
