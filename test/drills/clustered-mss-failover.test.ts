import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLog, readSealedEnvelope } from '../../src/lab/index.js';
import { criterion, makeTempDir, parseDrillJson, runCli, runDrill } from '../support/run-cli.js';

const RUNBOOK = 'clustered-mss-failover';

function drill(options: { faults?: string[]; answers?: string } = {}) {
  return runDrill({ runbook: RUNBOOK, timeScale: 600, ...options });
}

describe('clustered-mss-failover drills', () => {
  it('autopilot: the owner node is lost, the group moves to SSOCL02, the secret is restored there, all pass', () => {
    const { result, json, labDir } = drill();
    expect(result.status).toBe(0);
    expect(json.criteria.map((c) => [c.name, c.passed])).toEqual([
      ['ssodb-names-network-name', true],
      ['mss-holds-matching-secret', true],
      ['entsso-under-cluster', true],
      ['servers-fetched-from-mss', true],
      ['config-decrypts', true],
      ['config-writes', true],
      ['no-processing-outage', true],
      ['config-unchanged', true],
      ['secret-not-regenerated', true],
    ]);
    const log = readCommandLog(labDir);
    const move = log.find((e) => e.argv.some((a) => a.startsWith('Move-ClusterGroup')));
    expect(move).toMatchObject({ host: 'SSOCL02', exitCode: 0 });
    expect(move?.argv.at(-1)).toBe("Move-ClusterGroup -Name 'SSO' -Node 'SSOCL02'");
    const restore = log.find((e) => e.argv.some((a) => /\.RestoreSecret\(/.test(a)));
    expect(restore?.host).toBe('SSOCL02');
    // the password went to the tool on stdin, never into argv
    expect(JSON.stringify(log)).not.toMatch(/Drill-\d{4}!/);
  });

  it('entsso-outside-cluster: stops before the move at the node check, with the fix in the guidance', () => {
    const { result, json, events, labDir } = drill({ faults: ['entsso-outside-cluster'] });
    expect(result.status).toBe(1);
    expect(json.passed).toBe(false);
    expect(criterion(json, 'entsso-under-cluster').passed).toBe(false);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ stepId: 'check-node@SSOCL02' });
    expect(result.stdout).toContain('sc.exe config entsso start= demand');
    expect(result.stdout).toContain('net stop entsso');
    expect(readCommandLog(labDir).some((e) => e.argv.some((a) => a.startsWith('Move-ClusterGroup')))).toBe(
      false,
    );
  });

  it('fails the grade when the restore is skipped on a node that never held the secret', () => {
    const answers = [
      'inputs:',
      '  adminNode: SSOCL02',
      '  targetNode: SSOCL02',
      '  restoreOnNode: false',
      '  backupPassword: not-used-here',
      'confirm: all',
      'steps:',
      '  record-failover: { manual: done }',
      ...['verify-target-node', 'verify-biztalk-server'].map(
        (id) => `  ${id}: { onFailure: [skip], skipReason: "drill: no restore on the new owner" }`,
      ),
    ].join('\n');
    const { result, json, events } = drill({ answers });
    expect(result.status).toBe(1);
    expect(json.passed).toBe(false);
    expect(criterion(json, 'mss-holds-matching-secret').passed).toBe(false);
    expect(criterion(json, 'config-writes').passed).toBe(false);
    expect(events.find((e) => e.stepId === 'restore-on-node')).toMatchObject({ type: 'step-not-applicable' });
    // the runbook's own check saw it on the never-restored node, and said what to do
    expect(result.stdout).toContain('Step verify-target-node failed');
    expect(result.stdout).toContain("10565/10521: this node's SSOSS copy cannot be read");
  });

  it('planned failover on a healthy cluster, then fail back to the original owner: passes', () => {
    const stateDir = makeTempDir('sso-drill-');
    const labDir = join(stateDir, 'lab');
    expect(runCli(['lab', 'init', '--dir', labDir, '--cluster', '--time-scale', '600']).status).toBe(0);
    const { password } = readSealedEnvelope(labDir);
    const answers = join(stateDir, 'answers.yaml');
    writeFileSync(
      answers,
      [
        'inputs:',
        '  adminNode: SSOCL01',
        '  targetNode: SSOCL02',
        '  failBack: true',
        `  backupPassword: ${JSON.stringify(password)}`,
        'confirm: all',
        'steps:',
        '  record-failover: { manual: done }',
      ].join('\n'),
    );
    const result = runCli([
      'drill',
      '--runbook',
      RUNBOOK,
      '--answers',
      answers,
      '--json',
      '--state-dir',
      stateDir,
      '--lab-dir',
      labDir,
    ]);
    expect(result.status).toBe(0);
    expect(parseDrillJson(result.stdout).passed).toBe(true);
    const moves = readCommandLog(labDir)
      .map((e) => e.argv.at(-1) ?? '')
      .filter((a) => a.startsWith('Move-ClusterGroup'));
    expect(moves).toEqual([
      "Move-ClusterGroup -Name 'SSO' -Node 'SSOCL02'",
      "Move-ClusterGroup -Name 'SSO' -Node 'SSOCL01'",
    ]);
  });
});
