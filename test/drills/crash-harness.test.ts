import { describe, expect, it } from 'vitest';
import { readCommandLog, verifyLab } from '../../src/lab/index.js';
import { crashDrillAfter, drillInProcess, resumeInProcess } from '../support/in-process-drill.js';
import { readRunEvents } from '../support/run-cli.js';

/** Commands that must never take effect twice in one failover. */
const NON_IDEMPOTENT = [/-updatedb/i, /-restoresecret/i, /-backupsecret/i];

function successfulRuns(labDir: string, pattern: RegExp): number {
  return readCommandLog(labDir).filter(
    (entry) => entry.exitCode === 0 && entry.argv.some((a) => pattern.test(a)),
  ).length;
}

/** Crash an in-process drill right after `target` is journaled, then resume it with the autopilot. */
async function crashAndResume(target: string) {
  const crashed = await crashDrillAfter(target);
  expect(crashed.crashed, `the drill never journaled ${target}`).toBe(true);
  const resumed = await resumeInProcess(crashed.stateDir);
  return { ...crashed, resumed };
}

function expectNothingDoneTwice(labDir: string): void {
  for (const pattern of NON_IDEMPOTENT)
    expect(successfulRuns(labDir, pattern), String(pattern)).toBeLessThanOrEqual(1);
}

// The kill -9 twins of these cases (a real process, a real SIGKILL) are in crash-kill.test.ts.
describe('crash harness: the run dies at every step boundary of the designate drill, then resumes', async () => {
  const reference = await drillInProcess();
  const boundaries = readRunEvents(reference.stateDir)
    .filter((e) => e.type === 'step-started')
    .map((e) => e.stepId!);

  it('has step boundaries to test, from a drill that passes undisturbed', () => {
    expect(reference.exitCode).toBe(0);
    expect(boundaries.length).toBeGreaterThan(20);
  });

  for (const stepId of boundaries) {
    it(`recovers from a crash as ${stepId} starts`, async () => {
      const { resumed, labDir } = await crashAndResume(`step-started:${stepId}`);
      expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
      expect(verifyLab(labDir, 'designate-new-master-secret-server').passed).toBe(true);
      expectNothingDoneTwice(labDir);
    });
  }

  for (const stepId of [
    'name-new-mss-in-ssodb',
    'restore-master-secret',
    'refresh-sso-server@BTS02',
    'take-fresh-backup',
  ]) {
    it(`settles an action interrupted between its intent and its result (${stepId})`, async () => {
      const { resumed, labDir, stateDir } = await crashAndResume(`action-started:${stepId}`);
      expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
      expect(resumed.stdout).toContain('It may have half-run');
      expect(
        readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt'),
      ).toBe(true);
      expectNothingDoneTwice(labDir);
    });
  }
});
