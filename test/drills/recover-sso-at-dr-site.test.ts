import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { criterion, runDrill } from '../support/run-cli.js';
import { allPassed, criteriaOf, FAILOVER_CRITERIA } from '../support/failover-criteria.js';

const RUNBOOK = 'recover-sso-at-dr-site';

/** An autopilot drill of the DR runbook; its own scenario (site-lost) unless faults are given. */
function drill(faults: string[] = []) {
  return runDrill({ runbook: RUNBOOK, faults });
}

const sqlQueries = (labDir: string) =>
  readCommandLog(labDir)
    .filter((entry) => entry.argv[0] === 'sqlcmd')
    .map((entry) => entry.argv.at(-1) ?? '');

describe('recover-sso-at-dr-site drills (autopilot, production site lost)', () => {
  it('restores the databases to the mark, moves SSO to the DR site and passes every criterion', () => {
    const { result, json, events, labDir } = drill();
    expect(result.status).toBe(0);
    expect(criteriaOf(json)).toEqual(allPassed(['databases-at-mark', 'sso-on-dr-sql', ...FAILOVER_CRITERIA]));
    // nothing was behind: the catch-up restore is not needed, the jobs are disabled before the restore to mark
    expect(events.some((e) => e.type === 'action-started' && e.stepId === 'catch-up-log-restores')).toBe(
      false,
    );
    const queries = sqlQueries(labDir);
    const disabled = queries.findIndex((q) => q.includes("Restore Databases', @enabled = 0"));
    const toMark = queries.findIndex((q) =>
      q.includes("sp_start_job @job_name = N'BTS Log Shipping - Restore To Mark'"),
    );
    expect(disabled).toBeGreaterThanOrEqual(0);
    expect(toMark).toBeGreaterThan(disabled);
    expect(events.find((e) => e.type === 'variable-captured' && e.name === 'ssodbMark')).toMatchObject({
      value: expect.stringMatching(/^BTS_/),
    });
    // SSO moved to the DR SQL Server only after SSODB was checked at the others' mark
    const setDb = readCommandLog(labDir).findIndex((e) => /-setdb/i.test(e.argv[1] ?? ''));
    const markCheck = readCommandLog(labDir).findIndex((e) =>
      (e.argv.at(-1) ?? '').includes('COUNT(DISTINCT'),
    );
    expect(markCheck).toBeGreaterThanOrEqual(0);
    expect(setDb).toBeGreaterThan(markCheck);
  });

  it('ssodb-behind-mark: runs the Restore Databases job to catch SSODB up before the restore to mark, and passes', () => {
    const { result, json, events, labDir } = drill(['ssodb-behind-mark']);
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    expect(criterion(json, 'databases-at-mark').passed).toBe(true);
    const catchUp = events.filter((e) => e.stepId === 'catch-up-log-restores');
    expect(catchUp.filter((e) => e.type === 'action-finished').map((e) => e.ok)).toEqual([true]);
    const queries = sqlQueries(labDir);
    const restore = queries.findIndex((q) =>
      q.includes("sp_start_job @job_name = N'BTS Log Shipping - Restore Databases'"),
    );
    const toMark = queries.findIndex((q) =>
      q.includes("sp_start_job @job_name = N'BTS Log Shipping - Restore To Mark'"),
    );
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(toMark).toBeGreaterThan(restore);
  });

  it('dr-backup-missing: stops at the backup check, before any database is restored or SSO changed', () => {
    const { result, json, events, labDir } = drill(['dr-backup-missing']);
    expect(result.status).toBe(1);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({
      outcome: 'aborted',
      stepId: 'check-backup-at-dr-mss',
    });
    expect(result.stdout).toContain('Copy the .bak from its off-box safe');
    expect(criterion(json, 'secret-not-regenerated').passed).toBe(true);
    expect(criterion(json, 'config-unchanged').passed).toBe(true);
    // the log-shipped copy is left as it was: still a standby that can take more log backups
    expect(criterion(json, 'databases-at-mark').detail).toContain('RESTORING');
    const changing = readCommandLog(labDir).filter(
      (e) =>
        /sp_start_job|sp_update_job/.test(e.argv.at(-1) ?? '') ||
        /^-(setdb|updatedb|restoresecret)$/i.test(e.argv[1] ?? '') ||
        ['start', 'stop'].includes(e.argv[1] ?? ''),
    );
    expect(changing).toEqual([]);
  });
});
