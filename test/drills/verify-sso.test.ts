import { describe, expect, it } from 'vitest';
import { criterion, runDrill } from '../support/run-cli.js';

function drill(faults: string[] = []) {
  return runDrill({ runbook: 'verify-sso', faults });
}

describe('verify-sso drills (autopilot)', () => {
  it('passes on a healthy lab and changes nothing but the write test', () => {
    const { result, json, events } = drill();
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    expect(criterion(json, 'read-only').passed).toBe(true);
    expect(criterion(json, 'mss-unchanged').passed).toBe(true);
    expect(
      events.filter((e) => e.type === 'step-finished' && String(e.stepId).startsWith('write-test@')),
    ).toHaveLength(3);
  });

  it('fails at the MSS check when the master secret server is down', () => {
    const { result, json, events } = drill(['mss-lost']);
    expect(result.status).toBe(1);
    expect(json.passed).toBe(false);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({
      outcome: 'aborted',
      stepId: 'check-mss',
    });
  });
});
