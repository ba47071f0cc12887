import type { LabDb } from './lab-db.js';
import type { LabMeta } from '../lab-types.js';

export function readMeta(db: LabDb): LabMeta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const meta: Record<string, unknown> = {};
  for (const row of rows) meta[row.key] = JSON.parse(row.value);
  return meta as LabMeta;
}

export function writeMeta(db: LabDb, values: Partial<LabMeta>): void {
  const upsert = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    else upsert.run(key, JSON.stringify(value));
  }
}

export function readMetaValue<T>(db: LabDb, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeMetaValue(db: LabDb, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

/** labNow = epochMs + (Date.now() - epochMs) * timeScale */
export function labTimeAt(meta: Pick<LabMeta, 'epochMs' | 'timeScale'>, realMs: number): number {
  return Math.floor(meta.epochMs + (realMs - meta.epochMs) * meta.timeScale);
}

/** The wall-clock moment at which lab time was labMs (the inverse of labTimeAt). */
export function wallTimeAt(meta: Pick<LabMeta, 'epochMs' | 'timeScale'>, labMs: number): number {
  return Math.floor(meta.epochMs + (labMs - meta.epochMs) / meta.timeScale);
}

/** Real milliseconds until lab time reaches labMs. */
export function realMsUntil(
  meta: Pick<LabMeta, 'epochMs' | 'timeScale'>,
  labMs: number,
  realNow: number,
): number {
  return Math.max(0, (labMs - labTimeAt(meta, realNow)) / meta.timeScale);
}
