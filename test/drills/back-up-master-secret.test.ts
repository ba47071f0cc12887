import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { makeTempDir, runCli, runDrill } from '../support/run-cli.js';

const RUNBOOK = 'back-up-master-secret';

describe('back-up-master-secret drills (autopilot, healthy lab)', () => {
  it('takes a backup on the MSS that opens with its password and matches the current MSID', () => {
    const { result, json, events } = runDrill({ runbook: RUNBOOK });
    expect(result.status).toBe(0);
    expect(json.criteria.map((c) => [c.name, c.passed])).toEqual([
      ['mss-unchanged', true],
      ['ssodb-names-live-mss', true],
      ['mss-holds-matching-secret', true],
      ['servers-fetched-from-mss', true],
      ['config-decrypts', true],
      ['config-writes', true],
      ['no-processing-outage', true],
      ['config-unchanged', true],
      ['secret-not-regenerated', true],
      ['fresh-backup', true],
    ]);
    expect(events.find((e) => e.type === 'variable-captured' && e.name === 'backupSha256')).toMatchObject({
      value: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // the password went to the tool on stdin only: never into the journal
    expect(JSON.stringify(events)).not.toMatch(/Drill-[A-Za-z0-9_-]{8}/);
  });

  it('refuses a 6-character backup password before ssoconfig runs', () => {
    const stateDir = makeTempDir('sso-drill-');
    const labDir = join(stateDir, 'lab');
    const answers = join(stateDir, 'answers.yaml');
    writeFileSync(
      answers,
      [
        'inputs:',
        '  newBackupPassword: abc123',
        '  newBackupReminder: six characters',
        'confirm: all',
        'steps:',
        '  choose-backup-target: { manual: done }',
        '  store-backup-off-box: { manual: done }',
      ].join('\n'),
    );
    const result = runCli([
      'drill',
      '--runbook',
      RUNBOOK,
      '--answers',
      answers,
      '--state-dir',
      stateDir,
      '--lab-dir',
      labDir,
    ]);
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('at least 7 characters');
    expect(readCommandLog(labDir).some((entry) => entry.argv.some((a) => /backupsecret/i.test(a)))).toBe(
      false,
    );
  });
});
