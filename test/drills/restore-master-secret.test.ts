import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criterion, makeTempDir, parseDrillJson, readRunEvents, runCli } from '../support/run-cli.js';

const RUNBOOK = 'restore-master-secret';

/** An autopilot drill of the restore runbook; its own scenario (service-account-changed) unless faults are given. */
function drill(faults: string[] = []) {
  const stateDir = makeTempDir('sso-drill-');
  const labDir = join(stateDir, 'lab');
  const args = [
    'drill',
    '--runbook',
    RUNBOOK,
    '--autopilot',
    '--json',
    '--state-dir',
    stateDir,
    '--lab-dir',
    labDir,
  ];
  const result = runCli([...args, ...faults.flatMap((f) => ['--fault', f])]);
  return { result, json: parseDrillJson(result.stdout), events: readRunEvents(stateDir) };
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
