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

  it('passes when the Application log has rolled over and no secret event is left to read', () => {
    const { result, json } = drill(['event-log-rolled']);
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    expect(result.stdout).toContain('is not 10532 (10529/10533, or none left in the log) — exit code 0');
  });
});
