import { describe, expect, it } from 'vitest';
import { criterion, runDrill } from '../support/run-cli.js';

const RUNBOOK = 'restore-master-secret';

/** An autopilot drill of the restore runbook; its own scenario (service-account-changed) unless faults are given. */
function drill(faults: string[] = []) {
  return runDrill({ runbook: RUNBOOK, faults });
}

describe('restore-master-secret drills (autopilot, MSS whose service account changed)', () => {
  it('restores the secret, restarts ENTSSO cleanly and every server can encrypt again', () => {
    const { result, json, events } = drill();
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    expect(criterion(json, 'mss-restarted-cleanly').passed).toBe(true);
    expect(criterion(json, 'config-writes').passed).toBe(true);
    expect(events.find((e) => e.type === 'variable-captured' && e.name === 'entssoAccount')).toMatchObject({
      value: 'CONTOSO\\svc-entsso-mss',
    });
  });

  it('wrong-password: the first restore fails with 0xC0002A1B and a retry with the correction succeeds', () => {
    const { result, json, events } = drill(['service-account-changed', 'wrong-password']);
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    const restore = events.filter((e) => e.stepId === 'restore-master-secret');
    expect(restore.filter((e) => e.type === 'action-finished').map((e) => e.ok)).toEqual([false, true]);
    expect(result.stdout).toContain('0xC0002A1B');
  });
});
