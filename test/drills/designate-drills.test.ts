import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execLabTool, initLab, readCommandLog, writeLabFile } from '../../src/lab/index.js';
import { allPassed, criteriaOf, FAILOVER_CRITERIA } from '../support/failover-criteria.js';
import {
  criterion,
  makeTempDir,
  parseDrillJson,
  readRunEvents,
  runCli,
  runDrill,
} from '../support/run-cli.js';

/** An autopilot drill of the designate runbook under some faults, in a fresh state dir. */
function drill(faults: string[], extra: string[] = []) {
  return runDrill({ faults, extra });
}

const stoppedAt = (events: { type: string; [k: string]: unknown }[]) =>
  events.find((e) => e.type === 'run-finished');

describe('designate-new-master-secret-server drills (autopilot, lab)', () => {
  it('passes every grading criterion on the default scenario (mss-lost)', () => {
    const { result, json } = drill([]);
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    expect(criteriaOf(json)).toEqual(allPassed([...FAILOVER_CRITERIA]));
  });

  it('stops no BizTalk service on a server that fetched the secret on its own: the restart is left out', () => {
    const { json, events } = drill([]);
    expect(criterion(json, 'no-processing-outage')).toMatchObject({ passed: true });
    expect(criterion(json, 'no-processing-outage').detail).toContain(
      'BTS01: it becomes the master secret server',
    );
    expect(criterion(json, 'no-processing-outage').detail).not.toContain('BTS02');
    const refresh = events.filter((e) => e.stepId === 'refresh-lagging-sso-server@BTS02');
    expect(refresh.some((e) => e.type === 'action-started')).toBe(false);
    expect(refresh.some((e) => e.type === 'step-finished')).toBe(true);
  });

  it('checks every server that acts later, before -updatedb: SSO group as SSODB names it, admin, elevation, account', () => {
    const { events } = drill([]);
    const updatedb = events.findIndex(
      (e) => e.type === 'step-started' && e.stepId === 'name-new-mss-in-ssodb',
    );
    const preflight = events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type === 'check-passed' && String(e.stepId).startsWith('preflight-every-host'));
    expect(new Set(preflight.map(({ e }) => e.host))).toEqual(new Set(['BTS01', 'BTS02']));
    expect(preflight.every(({ i }) => i < updatedb)).toBe(true);
    expect(preflight.map(({ e }) => e.label)).toContain(
      'you are in BizTalk SSO Admins on BTS02 (the SSO administrators group SSODB names)',
    );
    expect(events.find((e) => e.type === 'variable-captured' && e.name === 'ssoAdminGroup')).toMatchObject({
      value: 'BizTalk SSO Admins',
    });
  });

  it('repoints -serverall only where it names the lost MSS, keeping the previous value for the rollback', () => {
    const stateDir = makeTempDir('sso-serverall-');
    const labDir = join(stateDir, 'lab');
    initLab({ dir: labDir, faults: ['mss-lost'] });
    expect(execLabTool(labDir, 'BTS02', ['ssomanage', '-serverall', 'SSO01']).exitCode).toBe(0);
    const result = runCli(['drill', '--autopilot', '--json', '--state-dir', stateDir, '--lab-dir', labDir]);
    expect(parseDrillJson(result.stdout).passed).toBe(true);
    const events = readRunEvents(stateDir);
    const acted = (host: string) =>
      events.some((e) => e.type === 'action-started' && e.stepId === `repoint-sso-server-setting@${host}`);
    expect(acted('BTS02')).toBe(true);
    expect(acted('BTS01')).toBe(false);
    expect(
      events.find(
        (e) =>
          e.type === 'variable-captured' &&
          e.name === 'previousServerAll' &&
          e.stepId === 'repoint-sso-server-setting@BTS02',
      ),
    ).toMatchObject({ value: 'SSO01' });
  });

  it('stops before any change when the backup folder holds another .bak file (event 10564)', () => {
    const stateDir = makeTempDir('sso-two-baks-');
    const labDir = join(stateDir, 'lab');
    initLab({ dir: labDir, faults: ['mss-lost'] });
    writeLabFile(labDir, 'BTS01', 'C:\\SSOBackup\\SSO-older.bak', 'an older backup');
    const result = runCli(['drill', '--autopilot', '--json', '--state-dir', stateDir, '--lab-dir', labDir]);
    expect(result.status).toBe(1);
    expect(readRunEvents(stateDir).find((e) => e.type === 'run-finished')).toMatchObject({
      outcome: 'aborted',
      stepId: 'check-backup-at-hand',
    });
    expect(result.stdout).toContain('Backup files in the folder : 2');
    expect(readCommandLog(labDir).some((c) => c.argv.includes('-updatedb'))).toBe(false);
  });

  it('secret-pickup-stuck: restarts only the laggard, with every service that depends on ENTSSO there', () => {
    const { json, events, result } = drill(['secret-pickup-stuck']);
    expect(json.passed).toBe(true);
    expect(criterion(json, 'no-processing-outage').detail).toContain(
      'BTS02: it had not fetched the secret from BTS01',
    );
    const refresh = events.filter((e) => e.stepId === 'refresh-lagging-sso-server@BTS02');
    expect(refresh.filter((e) => e.type === 'action-started')).toHaveLength(1);
    for (const service of [
      'BTSSvc$BizTalkServerApplication',
      'BTSSvc$TrackingHost',
      'RuleEngineUpdateService',
    ])
      expect(result.stdout).toContain(`Started ${service}`);
  });

  it('wrong-password: reaches the failure menu at the restore, and a retry with the corrected password succeeds', () => {
    const { result, json, events } = drill(['wrong-password']);
    expect(result.status).toBe(0);
    expect(json.passed).toBe(true);
    const restore = events.filter((e) => e.stepId === 'restore-master-secret');
    expect(restore.find((e) => e.type === 'failure-decided')).toMatchObject({
      phase: 'action',
      choice: 'retry',
    });
    expect(restore.filter((e) => e.type === 'action-finished').map((e) => e.ok)).toEqual([false, true]);
    expect(result.stdout).toContain('0xC0002A1B');
  });

  it('corrupt-backup: the restore fails with 10564 and the second copy restores', () => {
    const { json, events } = drill(['corrupt-backup']);
    expect(json.passed).toBe(true);
    const inputs = events
      .filter((e) => e.type === 'input-provided' && e.key === 'restoreFile')
      .map((e) => e.value);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).not.toBe(inputs[1]);
  });

  for (const fault of ['foreign-backup']) {
    it(`${fault}: stops at the restore with guidance, never generates a secret, and the data is intact`, () => {
      const { result, json, events, labDir } = drill([fault]);
      expect(result.status).toBe(1);
      expect(stoppedAt(events)).toMatchObject({ outcome: 'aborted', stepId: 'restore-master-secret' });
      expect(result.stdout).toContain('do NOT generate a new secret');
      expect(criterion(json, 'secret-not-regenerated').passed).toBe(true);
      expect(criterion(json, 'config-unchanged').passed).toBe(true);
      // BTS02 was not restarted: it still decrypts with the secret it cached.
      expect(criterion(json, 'config-decrypts').detail).not.toContain('BTS02');
      expect(readCommandLog(labDir).some((entry) => entry.argv.some((a) => /generatesecret/i.test(a)))).toBe(
        false,
      );
    });
  }

  it('stale-backup: stops before -updatedb when the recorded backup holds an older secret than the servers use (#11 §4)', () => {
    const { result, json, events, labDir } = drill(['stale-backup']);
    expect(result.status).toBe(1);
    // the backup record off the server names the MSID event 10559 logged; the servers' 10529/10533 name another
    expect(stoppedAt(events)).toMatchObject({ outcome: 'aborted', stepId: 'check-backup-at-hand' });
    expect(result.stdout).toContain('was taken before the last ssoconfig -generateSecret');
    expect(result.stdout).toContain('do NOT generate a new secret');
    expect(criterion(json, 'secret-not-regenerated').passed).toBe(true);
    expect(criterion(json, 'config-unchanged').passed).toBe(true);
    // nothing in SSODB, no secret, no service: only ssomanage's own per-user target (-server) was set before
    const changing = readCommandLog(labDir).filter((entry) =>
      /^(-updatedb|-restoresecret|-serverall|stop|start|config|\(write\))$/i.test(entry.argv[1] ?? ''),
    );
    expect(changing).toEqual([]);
  });

  for (const fault of ['not-elevated', 'operator-not-sso-admin']) {
    it(`${fault}: tells the operator what to fix before anything changes`, () => {
      const { result, events, labDir } = drill([fault]);
      expect(result.status).toBe(1);
      // local rights first; SSO rights at the first SSO call, before SSODB names its administrators group
      expect(stoppedAt(events)).toMatchObject({
        outcome: 'aborted',
        stepId: fault === 'not-elevated' ? 'check-operator-rights' : 'check-candidate-platform',
      });
      expect(result.stdout).toMatch(
        fault === 'not-elevated' ? /Run as administrator/ : /you are not in the SSO administrators group/,
      );
      const changing = readCommandLog(labDir).filter((entry) =>
        /^(-updatedb|-restoresecret|-server|-serverall|stop|start|config|\(write\))$/i.test(
          entry.argv[1] ?? entry.argv[0] ?? '',
        ),
      );
      expect(changing).toEqual([]);
    });
  }

  it('old-mss-returns: notices the returned MSS, stops and disables its ENTSSO', () => {
    const { json, events } = drill(['old-mss-returns']);
    expect(json.passed).toBe(true);
    expect(events.find((e) => e.type === 'variable-captured' && e.name === 'oldMssState')).toMatchObject({
      value: 'RUNNING',
    });
    expect(events.some((e) => e.type === 'step-finished' && e.stepId === 'disable-entsso-on-old-mss')).toBe(
      true,
    );
  });

  it('slow-service-start: waits for ENTSSO instead of failing', () => {
    const { json, events } = drill(['slow-service-start'], ['--time-scale', '600']);
    expect(json.passed).toBe(true);
    expect(events.some((e) => e.type === 'failure-decided')).toBe(false);
  });

  it('a drill whose restore is skipped fails its grade', () => {
    const { result, json, events } = runDrill({
      answers: [
        'inputs:',
        '  newMss: BTS01',
        '  backupPassword: not-used-123',
        '  newBackupPassword: Fresh-Backup-99',
        '  newBackupReminder: drill',
        'confirm: all',
        'steps:',
        ...[
          'acknowledge-outage-rules',
          'confirm-mss-is-lost',
          'check-msdtc',
          'repoint-biztalk-group',
          'write-test-by-hand',
          'contain-old-mss',
        ].map((id) => `  ${id}: { manual: done }`),
        '  restore-master-secret: { confirm: no, onFailure: [skip], skipReason: "drill: practising without the envelope" }',
        ...[
          'start-dependents-on-new-mss',
          'await-secret-pickup',
          'refresh-lagging-sso-server',
          'verify-config-store',
          'take-fresh-backup',
          'write-test',
        ].map((id) => `  ${id}: { onFailure: [skip], skipReason: "needs the restore" }`),
      ].join('\n'),
    });
    expect(result.status).toBe(1);
    expect(json.passed).toBe(false);
    expect(criterion(json, 'mss-holds-matching-secret').passed).toBe(false);
    expect(
      events.find((e) => e.type === 'step-skipped' && e.stepId === 'restore-master-secret'),
    ).toMatchObject({ reason: 'drill: practising without the envelope' });
  });
});
