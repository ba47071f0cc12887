import type { Transport } from '../engine/ports.js';
import { type BackupRecord, BACKUP_RECORD_FILE, parseBackupRecord } from '../runbook/backup-record.js';
import type { Environment } from '../runbook/environment-schema.js';
import { fail, pass, type ReadinessFinding } from './readiness-finding.js';
import { readCurrentMsid } from './read-current-msid.js';

const DAY_S = 86_400;
const RUN_SCHEDULE =
  'Run schedule-master-secret-backup on the MSS (sso-failover plan schedule-master-secret-backup --env <file> shows the task to register)';

type Context = { environment: Environment; transport: Transport };

/** The backup findings: record, off-box copy, SHA-256, age, the copy on the MSS, its secret, the password. */
export async function checkBackup(context: Context): Promise<ReadinessFinding[]> {
  const { environment } = context;
  const holder = checkPasswordHolder(environment);
  const backup = environment.backup;
  if (!backup)
    return [
      fail(
        'backup-record',
        `${environment.name} names no backup location (no backup: section), so no backup can be checked.`,
        'Add backup: { offBox: { host, folder }, passwordHolder } to the environment file (README, "readiness").',
      ),
      holder,
    ];
  const { host, folder } = backup.offBox;
  const recordPath = `${folder}\\${BACKUP_RECORD_FILE}`;
  const read = await readRecord(context, host, recordPath);
  if ('problem' in read)
    return [
      fail(
        'backup-record',
        `no usable backup record at ${recordPath} on ${host}: ${read.problem}.`,
        `${RUN_SCHEDULE}; it writes the record.`,
      ),
      holder,
    ];
  const record = read.record;
  const [offBox, mssCopy, secret] = await Promise.all([
    checkOffBoxCopy(context, record, host, `${folder}\\${record.fileName}`),
    checkMssCopy(context, record),
    checkSecret(context, record),
  ]);
  const recorded = `the newest backup is ${record.fileName} from ${record.mss} (MSID ${record.msid}), recorded at ${recordPath} on ${host}.`;
  return [
    pass('backup-record', recorded),
    ...offBox,
    mssCopy,
    secret,
    checkPasswordHolder(environment, record),
  ];
}

async function readRecord(
  context: Context,
  host: string,
  path: string,
): Promise<{ record: BackupRecord } | { problem: string }> {
  const script = `Get-Content -LiteralPath '${path.replace(/'/g, "''")}'`;
  const result = await context.transport.exec(
    host,
    ['powershell', '-NoProfile', '-NonInteractive', '-Command', script],
    {
      timeoutMs: 60_000,
    },
  );
  if (!result.ok) return { problem: firstLine(result.error ?? result.stderr) || `exit ${result.exitCode}` };
  const parsed = parseBackupRecord(result.stdout);
  return 'record' in parsed ? parsed : { problem: `it lacks ${parsed.missing.join(', ')}` };
}

async function checkOffBoxCopy(
  context: Context,
  record: BackupRecord,
  host: string,
  path: string,
): Promise<ReadinessFinding[]> {
  const maxDays = context.environment.policy?.backupMaxAgeDays ?? 31;
  const probe = await context.transport.probe(host, {
    kind: 'file',
    path,
    exists: true,
    sha256: record.sha256,
  });
  const ageSec = /\((\d+) bytes, (\d+) s old/.exec(probe.observed)?.[2];
  if (ageSec === undefined)
    return [
      fail(
        'backup-off-box',
        `the off-box copy is missing: ${probe.observed}.`,
        `Copy ${record.fileName} from ${record.mss} to ${path} on ${host} (or run schedule-master-secret-backup again).`,
      ),
    ];
  const age = Number(ageSec);
  const days = (age / DAY_S).toFixed(1);
  return [
    pass('backup-off-box', `the off-box copy ${path} is on ${host}.`),
    probe.ok
      ? pass('backup-sha256', `its SHA-256 is the one recorded (${record.sha256.slice(0, 12)}…).`)
      : fail(
          'backup-sha256',
          `${path} on ${host} is not the file that was recorded: its SHA-256 differs from ${record.sha256.slice(0, 12)}… (${probe.observed}).`,
          "The file was replaced or damaged (another system's backup, a bad copy): restore the recorded copy from its safe, or take a new backup now with schedule-master-secret-backup.",
        ),
    age <= maxDays * DAY_S
      ? pass('backup-age', `it is ${days} days old (policy: at most ${maxDays}).`, { value: age })
      : fail(
          'backup-age',
          `the newest backup is ${days} days old; the policy allows ${maxDays}.`,
          `${RUN_SCHEDULE}, and check its scheduled task runs.`,
          { value: age },
        ),
  ];
}

async function checkMssCopy(context: Context, record: BackupRecord): Promise<ReadinessFinding> {
  const probe = await context.transport.probe(record.mss, {
    kind: 'file',
    path: record.mssPath,
    exists: true,
    sha256: record.sha256,
  });
  return probe.ok
    ? pass('backup-on-mss', `the backup is also at ${record.mssPath} on ${record.mss}, unchanged.`)
    : fail(
        'backup-on-mss',
        `the backup on the MSS cannot be confirmed: ${probe.observed}.`,
        `Keep ${record.fileName} at ${record.mssPath} on ${record.mss} as written, or take a new backup with schedule-master-secret-backup.`,
      );
}

/** The recorded MSID (event 10559 at backup time) against the one the SSO servers fetched last (10529/10533). */
async function checkSecret(context: Context, record: BackupRecord): Promise<ReadinessFinding> {
  const current = await readCurrentMsid(context);
  if (!current.msid)
    return fail(
      'backup-secret',
      `which master secret the SSO servers use could not be read (${current.detail}), so the backup's secret cannot be confirmed.`,
      'Check the Application log of an SSO server for 10529/10533 ("Got the current secret") and that wevtutil runs there.',
    );
  if (current.msid.toUpperCase() === record.msid.toUpperCase())
    return pass(
      'backup-secret',
      `the backup holds the master secret the SSO servers use now (MSID ${record.msid}, ${current.detail}).`,
    );
  const generated = current.generated ? `; a new secret was generated ${current.generated}` : '';
  return fail(
    'backup-secret',
    `the backup holds MSID ${record.msid}, but the SSO servers use ${current.msid} (${current.detail})${generated}: the backup is from before the last -generateSecret and cannot decrypt SSODB.`,
    `Back up the current secret now (${RUN_SCHEDULE.slice(4)}); keep the old file until the new one is in its safe.`,
  );
}

/** The environment names the holder; when the backup's record names one too, it is the same. */
function checkPasswordHolder(environment: Environment, record?: BackupRecord): ReadinessFinding {
  const holder = environment.backup?.passwordHolder;
  const recorded = record?.passwordHolder;
  if (holder && recorded && recorded !== holder)
    return fail(
      'password-holder',
      `the environment says the backup password is held by "${holder}", but ${record.fileName} was recorded with "${recorded}".`,
      'Find out who holds the password of this backup and correct backup.passwordHolder, or take a new backup now so the record and the environment agree.',
    );
  return holder
    ? pass(
        'password-holder',
        `the backup password is held by: ${holder}${recorded ? ' (so recorded with the backup)' : ''}.`,
      )
    : fail(
        'password-holder',
        `${environment.name} does not say who holds the backup password.`,
        'Set backup.passwordHolder to the role or the envelope location (never the password itself).',
      );
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? ''
  );
}
