import type { LabDb } from '../store/lab-db.js';

export type EventLevel = 'Information' | 'Warning' | 'Error';
export type LabEvent = {
  id: number;
  host: string;
  time: number;
  eventId: number;
  level: EventLevel;
  source: string;
  message: string;
};

export function logEvent(
  db: LabDb,
  host: string,
  time: number,
  event: { eventId: number; level: EventLevel; message: string; source?: string },
): void {
  db.prepare(
    'INSERT INTO events (host, time, event_id, level, source, message) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(host, time, event.eventId, event.level, event.source ?? 'ENTSSO', event.message);
}

export type EventQuery = {
  ids?: readonly number[];
  source?: string;
  sinceMs?: number;
  newestFirst?: boolean;
  limit?: number;
};

export function queryEvents(db: LabDb, host: string, query: EventQuery = {}): LabEvent[] {
  const where = ['host = ?'];
  const params: (string | number)[] = [host];
  if (query.ids && query.ids.length > 0) {
    where.push(`event_id IN (${query.ids.map(() => '?').join(',')})`);
    params.push(...query.ids);
  }
  if (query.source) {
    where.push('source = ? COLLATE NOCASE');
    params.push(query.source);
  }
  if (query.sinceMs !== undefined) {
    where.push('time >= ?');
    params.push(query.sinceMs);
  }
  const order = query.newestFirst ? 'DESC' : 'ASC';
  const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  const rows = db
    .prepare(
      `SELECT id, host, time, event_id AS eventId, level, source, message FROM events WHERE ${where.join(' AND ')} ORDER BY time ${order}, id ${order}${limit}`,
    )
    .all(...params);
  return rows as LabEvent[];
}
