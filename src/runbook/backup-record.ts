/**
 * The record schedule-master-secret-backup leaves next to the off-box copy, and `readiness` reads back:
 * which file, from which master secret server, its SHA-256 and the MSID event 10559 named. Plain
 * "Label : value" lines, so an administrator can read it with `type` too. Never the password.
 */
export type BackupRecord = {
  /** the file name of the backup, in the off-box folder */
  fileName: string;
  /** the master secret server it was taken on */
  mss: string;
  /** where the backup was written on the MSS */
  mssPath: string;
  sha256: string;
  /** "Current MSID" of the 10559 event the backup logged */
  msid: string;
  /** the run that took it (or what else made the record) */
  takenBy: string;
  /** who held the password when the backup was taken (the environment's backup.passwordHolder then) */
  passwordHolder?: string;
};

/** The record's name in the off-box folder: one per folder, rewritten by every backup. */
export const BACKUP_RECORD_FILE = 'latest-backup.txt';

const LABELS: Record<Exclude<keyof BackupRecord, 'passwordHolder'>, string> = {
  fileName: 'File name',
  mss: 'Master secret server',
  mssPath: 'Backup on the MSS',
  sha256: 'SHA-256',
  msid: 'MSID',
  takenBy: 'Taken by',
};

const HEADER = 'SSO master secret backup record (sso-failover)';
/** optional: records made before it was written, and the lab's own, have no holder line */
const HOLDER = 'Password held by';

export function formatBackupRecord(record: BackupRecord): string {
  const lines = (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((k) => `${LABELS[k]} : ${record[k]}`);
  if (record.passwordHolder) lines.push(`${HOLDER} : ${record.passwordHolder}`);
  return `${[HEADER, ...lines].join('\r\n')}\r\n`;
}

/** The record, or the labels it lacks (a damaged or foreign file). */
export function parseBackupRecord(text: string): { record: BackupRecord } | { missing: string[] } {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(line);
    if (match) values.set(match[1]!.toLowerCase(), match[2]!);
  }
  const record: Partial<BackupRecord> = {};
  const missing: string[] = [];
  for (const [key, label] of Object.entries(LABELS) as [keyof typeof LABELS, string][]) {
    const value = values.get(label.toLowerCase());
    if (value) record[key] = value;
    else missing.push(label);
  }
  if (record.sha256 && !/^[0-9a-f]{64}$/i.test(record.sha256)) missing.push('SHA-256 (64 hex digits)');
  const holder = values.get(HOLDER.toLowerCase());
  if (holder) record.passwordHolder = holder;
  return missing.length > 0 ? { missing } : { record: record as BackupRecord };
}
