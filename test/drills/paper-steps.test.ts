import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execLabTool, readCommandLog, readSealedEnvelope } from '../../src/lab/index.js';
import { crashDrillAfter } from '../support/in-process-drill.js';
import { parseDrillJson, readRunEvents, runCli } from '../support/run-cli.js';

describe('steps done on paper while the tool was unavailable', () => {
  it('are entered on resume with time and initials, confirmed by their checks, and not run again', async () => {
    const { stateDir, labDir, crashed } = await crashDrillAfter('step-started:restore-master-secret');
    expect(crashed).toBe(true);
    // The laptop is dead: the operator restores by hand on the console, following the printed checklist.
    const envelope = readSealedEnvelope(labDir);
    // At the console ssoconfig prompts for the password and the operator types it (the lab's console answers).
    const byHand = execLabTool(labDir, 'BTS01', ['ssoconfig', '-restoreSecret', envelope.backupPath], {
      ask: () => envelope.password,
    });
    expect(byHand.stdout).toContain('The operation completed successfully.');

    const refused = runCli([
      'resume',
      '--autopilot',
      '--state-dir',
      stateDir,
      '--done-on-paper',
      'no-such-step=03:42/JA',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('no step no-such-step');

    const resumed = runCli([
      'resume',
      '--autopilot',
      '--json',
      '--state-dir',
      stateDir,
      '--done-on-paper',
      'restore-master-secret=03:42/JA',
    ]);
    expect(resumed.status, resumed.stdout.slice(-1500)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    const events = readRunEvents(stateDir);
    expect(events.find((e) => e.type === 'steps-marked-done')).toMatchObject({
      stepIds: ['restore-master-secret'],
      doneAt: '03:42',
      initials: 'JA',
    });
    expect(events.some((e) => e.type === 'step-finished' && e.stepId === 'restore-master-secret')).toBe(true);
    expect(
      readCommandLog(labDir).filter((c) => c.argv.includes('-restoreSecret') && c.exitCode === 0),
    ).toHaveLength(1);
    const runs = join(stateDir, 'runs');
    const report = readFileSync(join(runs, readdirSync(runs)[0]!, 'report.md'), 'utf8');
    expect(report).toContain('JA');
  });
});
