import { BACKUP_RECORD_FILE, parseBackupRecord } from '../../runbook/backup-record.js';
import { listBackups } from '../secrets/backup-records.js';
import { criterion, type Grade, type LabCriterion } from './grade-criteria.js';
import { readHostFile } from '../store/lab-fs.js';
import { sha256Hex } from '../secrets/master-secret.js';
import { LAB_OFF_BOX_FOLDER } from '../secrets/off-box-copy.js';

/**
 * schedule-master-secret-backup: the off-box folder holds a copy of a backup taken during the drill, and
 * its record names that copy with the right SHA-256 and the MSID SSODB uses — what readiness reads later.
 */
export function offBoxRecord(g: Grade): LabCriterion {
  const host = g.meta.sqlHost;
  const text = readHostFile(g.db, host, `${LAB_OFF_BOX_FOLDER}\\${BACKUP_RECORD_FILE}`);
  const parsed = text ? parseBackupRecord(text.content.toString('utf8')) : undefined;
  if (!parsed || !('record' in parsed))
    return criterion(
      'off-box-record',
      false,
      `no readable ${BACKUP_RECORD_FILE} in ${LAB_OFF_BOX_FOLDER} on ${host}`,
    );
  const { record } = parsed;
  const copy = readHostFile(g.db, host, `${LAB_OFF_BOX_FOLDER}\\${record.fileName}`);
  const taken = listBackups(g.db).find(
    (b) => b.sha256 === record.sha256 && b.time >= g.meta.initLabMs && b.opened,
  );
  const problems = [
    copy && sha256Hex(copy.content) === record.sha256
      ? ''
      : `the copy ${record.fileName} is missing or differs`,
    taken ? '' : 'the record names no backup taken during the drill',
    record.msid === g.global.currentMsid
      ? ''
      : `its MSID ${record.msid} is not SSODB's ${g.global.currentMsid}`,
  ].filter(Boolean);
  return criterion(
    'off-box-record',
    problems.length === 0,
    problems.length === 0
      ? `${record.fileName} is in ${LAB_OFF_BOX_FOLDER} on ${host}, recorded with its SHA-256 and MSID ${record.msid}`
      : problems.join('; '),
  );
}
