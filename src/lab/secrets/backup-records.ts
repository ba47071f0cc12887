import type { LabDb } from '../store/lab-db.js';

/** A backup the lab saw being taken (never the password: a scrypt verifier and whether it reopened). */
export type BackupRecord = {
  id: number;
  host: string;
  path: string;
  time: number;
  msid: string;
  sha256: string;
  verifier: string;
  opened: boolean;
};

export function recordBackup(db: LabDb, record: Omit<BackupRecord, 'id'>): void {
  db.prepare(
    'INSERT INTO backups (host, path, time, msid, sha256, verifier, opened) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    record.host,
    record.path,
    record.time,
    record.msid,
    record.sha256,
    record.verifier,
    record.opened ? 1 : 0,
  );
}

export function listBackups(db: LabDb): BackupRecord[] {
  const rows = db.prepare('SELECT * FROM backups ORDER BY id').all() as (Omit<BackupRecord, 'opened'> & {
    opened: number;
  })[];
  return rows.map((row) => ({ ...row, opened: row.opened === 1 }));
}

export function listBackupsBy(db: LabDb, host: string, msid: string): BackupRecord[] {
  return listBackups(db).filter((b) => b.host.toLowerCase() === host.toLowerCase() && b.msid === msid);
}
