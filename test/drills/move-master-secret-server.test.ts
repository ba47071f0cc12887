import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { runDrill } from '../support/run-cli.js';
import { allPassed, criteriaOf, FAILOVER_CRITERIA } from '../support/failover-criteria.js';

const RUNBOOK = 'move-master-secret-server';

function drill(faults: string[] = []) {
  return runDrill({ runbook: RUNBOOK, timeScale: 600, faults });
}

describe('move-master-secret-server drills (autopilot, healthy lab)', () => {
  it('moves the MSS: SSODB names the new one, it holds the secret, all fetched it, the old one stepped down', () => {
    const { result, json, labDir } = drill();
    expect(result.status).toBe(0);
    expect(criteriaOf(json)).toEqual(allPassed(['mss-moved', ...FAILOVER_CRITERIA]));
    // -updatedb ran on the original MSS, as the move procedure says
    const updatedb = readCommandLog(labDir).find((e) => e.argv.some((a) => /^-updatedb$/i.test(a)));
    expect(updatedb?.host).toBe('SSO01');
  });

  it('refuses to start when the current MSS is down, and points to the designate runbook', () => {
    const { result, json, events, labDir } = drill(['mss-lost']);
    expect(result.status).toBe(1);
    expect(json.passed).toBe(false);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ stepId: 'confirm-current-mss' });
    expect(result.stdout).toContain('designate');
    const changing = readCommandLog(labDir).filter(
      (e) =>
        e.kind === 'write' || /^(-updatedb|-backupsecret|-restoresecret|stop|start)$/i.test(e.argv[1] ?? ''),
    );
    expect(changing).toEqual([]);
  });
});
