import { describe, expect, it } from 'vitest';
import { formatReadinessPrometheus, formatReadinessText } from '../../src/commands/format-readiness.js';
import { formatBackupRecord, parseBackupRecord } from '../../src/runbook/backup-record.js';
import { buildSchtasksCommand } from '../../src/runbook/schtasks-command.js';

const report = {
  environment: 'prod "east"\\1',
  ready: false,
  checkedAt: '2026-12-01T10:00:00.000Z',
  findings: [
    { id: 'backup-age', ok: true, message: 'it is 3.0 days old.', value: 259_200 },
    { id: 'standby', ok: false, message: 'no standby.', advice: 'Join one.', value: 0 },
  ],
};

describe('readiness output', () => {
  it('escapes label values as the Prometheus text format asks (backslash, quote)', () => {
    const text = formatReadinessPrometheus(report);
    expect(text).toContain('sso_failover_ready{environment="prod \\"east\\"\\\\1"} 0');
    expect(text).toContain('sso_failover_check_ok{environment="prod \\"east\\"\\\\1",check="standby"} 0');
    expect(text).toContain('sso_failover_backup_age_seconds{environment="prod \\"east\\"\\\\1"} 259200');
    expect(text).toContain('# TYPE sso_failover_standbys_ready gauge');
    expect(text).toContain(
      'sso_failover_readiness_timestamp_seconds{environment="prod \\"east\\"\\\\1"} 1796119200',
    );
  });

  it('puts what to do on the line of a failed finding', () => {
    const lines = formatReadinessText(report, { ok: '[ok]', fail: '[x]' }).trim().split('\n');
    expect(lines).toEqual([
      '[ok] backup-age: it is 3.0 days old.',
      '[x] standby: no standby. Do: Join one.',
      'prod "east"\\1 is NOT ready for a failover: 1 of 2 checks failed.',
    ]);
  });
});

describe('the backup record', () => {
  it('reads back what it wrote, and names what a damaged one lacks', () => {
    const record = {
      fileName: 'SSO-backup-1.bak',
      mss: 'SSO01',
      mssPath: 'C:\\SSOFailover\\SSO-backup-1.bak',
      sha256: 'a'.repeat(64),
      msid: '{11111111-2222-3333-4444-555555555555}',
      takenBy: 'run 1',
    };
    expect(parseBackupRecord(formatBackupRecord(record))).toEqual({ record });
    const held = { ...record, passwordHolder: 'envelope in safe B2' };
    expect(formatBackupRecord(held)).toContain('\r\nPassword held by : envelope in safe B2\r\n');
    expect(parseBackupRecord(formatBackupRecord(held))).toEqual({ record: held });
    expect(parseBackupRecord('File name : x.bak\nSHA-256 : 123\n')).toEqual({
      missing: ['Master secret server', 'Backup on the MSS', 'MSID', 'Taken by', 'SHA-256 (64 hex digits)'],
    });
  });
});

describe('schtasks /Create', () => {
  it('quotes only the task command elements that hold spaces', () => {
    const { command, taskRun } = buildSchtasksCommand(
      {
        taskName: 'T',
        every: 'WEEKLY',
        day: 'SUN',
        at: '03:30',
        host: 'SSO01',
        runAs: 'D\\u',
        answers: 'C:\\a.yaml',
      },
      'rb',
      ['C:\\Program Files\\nodejs\\node.exe', 'C:\\t\\cli.js'],
      'C:\\e.yaml',
    );
    expect(taskRun).toBe(
      '\\"C:\\Program Files\\nodejs\\node.exe\\" C:\\t\\cli.js run rb --env C:\\e.yaml --answers C:\\a.yaml',
    );
    expect(command).toBe(
      `schtasks /Create /TN "T" /SC WEEKLY /D SUN /ST 03:30 /RU "D\\u" /RP * /RL HIGHEST /F /TR "${taskRun}"`,
    );
  });
});
