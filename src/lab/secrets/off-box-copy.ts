import { BACKUP_RECORD_FILE, formatBackupRecord } from '../../runbook/backup-record.js';
import type { LabDb } from '../store/lab-db.js';
import { writeHostFile } from '../store/lab-fs.js';
import { sha256Hex } from './master-secret.js';

/**
 * The lab's "share for off-box copies": a folder on the SQL Server host (a lab has no file server). The
 * lab environment names it under `backup.offBox`.
 */
export const LAB_OFF_BOX_FOLDER = 'D:\\SSOBackups';

export type OffBoxCopy = {
  host: string;
  mss: string;
  mssPath: string;
  /** the file the safe holds */
  file: Buffer;
  /** the file the routine backed up and recorded (differs from `file` when a fault swapped it) */
  recorded: Buffer;
  msid: string;
  time: number;
};

/** What a past run of schedule-master-secret-backup left: the copy and its record, as the runbook writes them. */
export function writeOffBoxCopy(db: LabDb, copy: OffBoxCopy): void {
  const fileName = copy.mssPath.slice(copy.mssPath.lastIndexOf('\\') + 1);
  writeHostFile(db, copy.host, `${LAB_OFF_BOX_FOLDER}\\${fileName}`, copy.file, copy.time);
  const record = formatBackupRecord({
    fileName,
    mss: copy.mss,
    mssPath: copy.mssPath,
    sha256: sha256Hex(copy.recorded),
    msid: copy.msid,
    takenBy: 'lab init (the routine backup before the drill)',
  });
  writeHostFile(db, copy.host, `${LAB_OFF_BOX_FOLDER}\\${BACKUP_RECORD_FILE}`, record, copy.time);
}
