import type { LabDb } from './lab-db.js';
import { withLabDb } from './lab-db.js';

/** One command the lab received. stdin is never recorded. */
export type CommandLogEntry = {
  id: number;
  /** lab time, epoch ms */
  time: number;
  realTime: number;
  host: string;
  kind: 'exec' | 'write';
  argv: string[];
  /** null while a command that waits (net start) is still running, or if it crashed */
  exitCode: number | null;
};

export function logCommand(db: LabDb, entry: Omit<CommandLogEntry, 'id' | 'realTime'>): number {
  const result = db
    .prepare(
      'INSERT INTO command_log (time, real_time, host, kind, argv, exit_code) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(entry.time, Date.now(), entry.host, entry.kind, JSON.stringify(entry.argv), entry.exitCode);
  return Number(result.lastInsertRowid);
}

export function setCommandExitCode(db: LabDb, id: number, exitCode: number): void {
  db.prepare('UPDATE command_log SET exit_code = ? WHERE id = ?').run(exitCode, id);
}

type Row = {
  id: number;
  time: number;
  real_time: number;
  host: string;
  kind: 'exec' | 'write';
  argv: string;
  exit_code: number | null;
};

/** Every command the lab received, oldest first, from an open lab database. */
export function readCommandLogRows(db: LabDb): CommandLogEntry[] {
  const rows = db.prepare('SELECT * FROM command_log ORDER BY id').all() as Row[];
  return rows.map((row) => ({
    id: row.id,
    time: row.time,
    realTime: row.real_time,
    host: row.host,
    kind: row.kind,
    argv: JSON.parse(row.argv) as string[],
    exitCode: row.exit_code,
  }));
}

/** Every command the lab received, oldest first. */
export function readCommandLog(dir: string): CommandLogEntry[] {
  return withLabDb(dir, readCommandLogRows);
}
