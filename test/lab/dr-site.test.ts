import { describe, expect, it } from 'vitest';
import { readSealedEnvelope, verifyLab } from '../../src/lab/index.js';
import { createTestLab, failOverTo } from './lab-test-kit.js';

const sql = (query: string) => ['sqlcmd', '-S', 'SQL02', '-E', '-b', '-h', '-1', '-W', '-Q', query];
const START_JOB = (job: string) => sql(`EXEC msdb.dbo.sp_start_job @job_name = N'BTS Log Shipping - ${job}'`);
const LAST_RUN = (job: string) =>
  sql(
    `SET NOCOUNT ON; SELECT TOP 1 CAST(h.run_status AS varchar(1)) + ' ' + h.message FROM msdb.dbo.sysjobhistory h JOIN msdb.dbo.sysjobs j ON j.job_id = h.job_id WHERE j.name = N'BTS Log Shipping - ${job}' AND h.step_id = 0 ORDER BY h.instance_id DESC`,
  );
const SSODB_STATE = sql(
  "SET NOCOUNT ON; SELECT name + ' ' + state_desc FROM sys.databases WHERE name = N'SSODB'",
);
const MARKS = sql(
  "SET NOCOUNT ON; SELECT r.destination_database_name + ' ' + ISNULL(r.stop_at_mark_name, '(none)') FROM msdb.dbo.restorehistory r",
);

describe('the DR site (lab)', () => {
  it('keeps the log-shipped SSODB RESTORING until Restore To Mark recovers every database at one mark', () => {
    const lab = createTestLab({ faults: ['site-lost'] });
    expect(lab.run('SQL02', SSODB_STATE).stdout).toBe('SSODB RESTORING\r\n');
    expect(lab.run('SQL02', START_JOB('Restore To Mark')).exitCode).toBe(0);
    expect(lab.run('SQL02', LAST_RUN('Restore To Mark')).stdout).toBe('1 The job succeeded.\r\n');
    expect(lab.run('SQL02', SSODB_STATE).stdout).toBe('SSODB ONLINE\r\n');
    const marks = lab.run('SQL02', MARKS).stdout.trim().split('\r\n');
    expect(marks).toHaveLength(4);
    expect(new Set(marks.map((line) => line.split(' ')[1])).size).toBe(1);
  });

  it('fails Restore To Mark while SSODB is behind, and leaves every database a standby', () => {
    const lab = createTestLab({ faults: ['ssodb-behind-mark'] });
    lab.run('SQL02', START_JOB('Restore To Mark'));
    expect(lab.run('SQL02', LAST_RUN('Restore To Mark')).stdout).toMatch(/^0 The job failed\. .*SSODB/);
    expect(lab.run('SQL02', SSODB_STATE).stdout).toBe('SSODB RESTORING\r\n');
    expect(lab.run('SQL02', MARKS).stdout).not.toContain('BTS_');
    lab.run('SQL02', START_JOB('Restore Databases'));
    lab.run('SQL02', START_JOB('Restore To Mark'));
    expect(lab.run('SQL02', SSODB_STATE).stdout).toBe('SSODB ONLINE\r\n');
  });

  it('starts ENTSSO on a DR server only once it points at SQL02 and SSODB is online there', () => {
    const lab = createTestLab({ faults: ['site-lost'] });
    expect(lab.run('DRSSO01', ['ssoconfig', '-setDB', 'SQL02', 'SSODB']).stdout).toBe(
      'The operation completed successfully.\r\n',
    );
    const early = lab.run('DRSSO01', ['net', 'start', 'entsso']);
    expect(early.stdout + early.stderr).toContain('10513');
    lab.run('SQL02', START_JOB('Restore To Mark'));
    expect(lab.run('DRSSO01', ['net', 'start', 'entsso']).exitCode).toBe(0);
    expect(lab.run('DRSSO01', ['ssoconfig', '-showDB']).stdout).toBe(
      'SQL Server : SQL02\r\nSSO database : SSODB\r\n',
    );
  });

  it('refuses what it does not model: another query, -setDB without both names, an unknown job, a lost SQL Server', () => {
    const lab = createTestLab({ faults: ['site-lost'] });
    const other = lab.run('SQL02', sql('DROP DATABASE SSODB'));
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('this query is not modelled');
    expect(lab.run('DRSSO01', ['ssoconfig', '-setDB', 'SQL02']).stdout).toContain('Usage: ssoconfig');
    expect(lab.run('SQL02', START_JOB('Restore Everything')).stdout).toContain('Msg 14262');
    const lost = lab.run('DRSSO01', ['sqlcmd', '-S', 'SQL01', '-E', '-Q', 'SELECT 1']);
    expect(lost.exitCode).toBe(1);
    expect(lost.stdout).toContain('Could not open a connection to SQL Server');
  });

  it('refuses -setDB in a prompt that is not elevated', () => {
    const lab = createTestLab({ faults: ['site-lost', 'not-elevated'] });
    expect(lab.run('DRSSO01', ['ssoconfig', '-setDB', 'SQL02', 'SSODB']).stdout).toMatch(
      /^ERROR: 0xC0002A13/,
    );
  });
});

describe('the rebuild grade (lab)', () => {
  it('fails rebuilt-server-is-mss when another survivor, not the rebuilt SSO03, became the MSS', () => {
    const lab = createTestLab({ faults: ['server-rebuilt'] });
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    const verdict = verifyLab(lab.dir, 'rebuild-master-secret-server');
    expect(verdict.criteria.find((c) => c.name === 'rebuilt-server-is-mss')).toEqual({
      name: 'rebuilt-server-is-mss',
      passed: false,
      detail: 'SSODB names BTS01, not the rebuilt SSO03',
    });
    expect(verdict.passed).toBe(false);
  });
});
