import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { criterion, runDrill } from '../support/run-cli.js';
import { allPassed, criteriaOf, FAILOVER_CRITERIA } from '../support/failover-criteria.js';

const RUNBOOK = 'rebuild-master-secret-server';

/** An autopilot drill of the rebuild runbook; its own scenario (server-rebuilt) unless faults are given. */
function drill(faults: string[] = []) {
  return runDrill({ runbook: RUNBOOK, faults });
}

describe('rebuild-master-secret-server drills (autopilot, MSS lost, SSO03 rebuilt)', () => {
  it('joins SSO03, names it in SSODB, restores the secret there and passes every criterion', () => {
    const { result, json, events } = drill();
    expect(result.status).toBe(0);
    expect(criteriaOf(json)).toEqual(allPassed(['rebuilt-server-is-mss', ...FAILOVER_CRITERIA]));
    expect(events.find((e) => e.type === 'input-provided' && e.key === 'newMss')).toMatchObject({
      value: 'SSO03',
    });
    // the join is checked (right SQL Server and database) before SSODB is changed
    const joined = events.findIndex((e) => e.type === 'step-finished' && e.stepId === 'join-sso-system');
    const updatedb = events.findIndex(
      (e) => e.type === 'step-started' && e.stepId === 'name-new-mss-in-ssodb',
    );
    expect(joined).toBeGreaterThanOrEqual(0);
    expect(updatedb).toBeGreaterThan(joined);
  });

  for (const [fault, shown] of [
    ['join-wrong-database', 'SSO database : SSODB_OLD'],
    ['join-wrong-sql-server', 'SQL Server : SQL01OLD'],
  ] as const) {
    it(`${fault}: stops at the join check with the fix, before anything in SSODB changes`, () => {
      const { result, json, events, labDir } = drill([fault]);
      expect(result.status).toBe(1);
      expect(events.find((e) => e.type === 'run-finished')).toMatchObject({
        outcome: 'aborted',
        stepId: 'join-sso-system',
      });
      expect(result.stdout).toContain(shown);
      expect(result.stdout).toContain('Run Configuration.exe again');
      expect(criterion(json, 'config-unchanged').passed).toBe(true);
      expect(criterion(json, 'secret-not-regenerated').passed).toBe(true);
      const changing = readCommandLog(labDir).filter((e) =>
        /^-(updatedb|restoresecret|server|serverall|generatesecret)$/i.test(e.argv[1] ?? ''),
      );
      expect(changing).toEqual([]);
    });
  }
});
