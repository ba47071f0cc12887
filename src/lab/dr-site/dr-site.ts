import type { LabDb } from '../store/lab-db.js';
import { readMetaValue, writeMetaValue } from '../store/lab-meta.js';

/** The BizTalk databases the Backup BizTalk Server job marks together, SSODB among them. */
export const MARKED_DATABASES = ['BizTalkMgmtDb', 'BizTalkMsgBoxDb', 'BizTalkDTADb', 'SSODB'] as const;

/** The SQL Server Agent jobs BizTalk log shipping creates on the destination system. */
export const LOG_SHIPPING_JOBS = {
  history: 'BTS Log Shipping - Get Backup History',
  restore: 'BTS Log Shipping - Restore Databases',
  toMark: 'BTS Log Shipping - Restore To Mark',
} as const;

export type LogShippedDatabase = {
  /** the last log backup set restored (WITH NORECOVERY) on the destination */
  restoredSet: number;
  /** a destination database stays RESTORING until the restore to the mark recovers it */
  state: 'RESTORING' | 'ONLINE';
  /** restorehistory.stop_at_mark_name of the restore that recovered it */
  stopAtMark?: string;
};

export type LabJob = { enabled: boolean; lastRun?: { status: 0 | 1; message: string } };

/**
 * The disaster-recovery site: a destination SQL Server fed by BizTalk log shipping (How to Configure the
 * Destination System for Log Shipping) and the SSO servers prepared there. The newest log backup set
 * carries the mark; every earlier set should already be restored (How to Restore Your Databases).
 */
export type DrSite = {
  sqlHost: string;
  servers: string[];
  mss: string;
  /** the off-box share holding the master secret backup, as \\HOST\share */
  backupShare: string;
  latestSet: number;
  /** the mark in the latest log backup set: <server>_<database>_Log_<mark name>_<timestamp> is the file; this is its mark */
  mark: string;
  databases: Record<string, LogShippedDatabase>;
  jobs: Record<string, LabJob>;
};

export function readDrSite(db: LabDb): DrSite | undefined {
  return readMetaValue<DrSite>(db, 'drSite');
}

export function writeDrSite(db: LabDb, site: DrSite): void {
  writeMetaValue(db, 'drSite', site);
}

/** Can a database on this SQL Server be opened? A log-shipped copy only once recovered (ONLINE). */
export function isDatabaseOnline(db: LabDb, sqlHost: string, database: string): boolean {
  const site = readDrSite(db);
  if (!site || site.sqlHost.toLowerCase() !== sqlHost.toLowerCase()) return true;
  return site.databases[database]?.state === 'ONLINE';
}
