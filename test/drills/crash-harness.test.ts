import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { CLI, makeTempDir, parseDrillJson, readRunEvents, runCli } from '../support/run-cli.js';

/** Commands that must never take effect twice in one failover. */
// ssoconfig's switches or ISSOConfigSS's methods (the runbooks' PowerShell scripts)
const NON_IDEMPOTENT = [/-updatedb/i, /restoresecret/i, /backupsecret/i];

function successfulRuns(labDir: string, pattern: RegExp): number {
  return readCommandLog(labDir).filter(
    (entry) => entry.exitCode === 0 && entry.argv.some((a) => pattern.test(a)),
  ).length;
}

/** Crash a drill (SIGKILL) right after `crashAfter` is journaled, then resume it with the autopilot. */
function crashAndResume(crashAfter: string) {
  const stateDir = makeTempDir('sso-crash-');
  const labDir = join(stateDir, 'lab');
  const crashed = runCli(
    ['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir, '--lab-dir', labDir],
    {
      env: { SSO_FAILOVER_CRASH_AFTER: crashAfter },
    },
  );
  const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
  return { crashed, resumed, stateDir, labDir };
}

/** Step ids in the order an undisturbed autopilot drill starts them (forEach instances included). */
function stepBoundaries(): string[] {
  const stateDir = makeTempDir('sso-crash-');
  const result = runCli(['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir]);
  expect(result.status).toBe(0);
  return readRunEvents(stateDir)
    .filter((e) => e.type === 'step-started')
    .map((e) => e.stepId!);
}

describe('crash harness: kill -9 at every step boundary of the designate drill, then resume', () => {
  const boundaries = stepBoundaries();

  it('has step boundaries to test', () => {
    expect(boundaries.length).toBeGreaterThan(20);
  });

  for (const stepId of boundaries) {
    it(`recovers from a crash as ${stepId} starts`, () => {
      const { crashed, resumed, labDir } = crashAndResume(`step-started:${stepId}`);
      expect(crashed.status).toBeNull(); // killed, not exited
      expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
      expect(parseDrillJson(resumed.stdout).passed).toBe(true);
      for (const pattern of NON_IDEMPOTENT)
        expect(successfulRuns(labDir, pattern), String(pattern)).toBeLessThanOrEqual(1);
    });
  }

  for (const stepId of [
    'name-new-mss-in-ssodb',
    'restore-master-secret',
    'stop-entsso-on-new-mss',
    'take-fresh-backup',
  ]) {
    it(`settles an action interrupted between its intent and its result (${stepId})`, () => {
      const { crashed, resumed, labDir, stateDir } = crashAndResume(`action-started:${stepId}`);
      expect(crashed.status).toBeNull();
      expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
      expect(resumed.stdout).toContain('It may have half-run');
      expect(
        readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt'),
      ).toBe(true);
      for (const pattern of NON_IDEMPOTENT)
        expect(successfulRuns(labDir, pattern), String(pattern)).toBeLessThanOrEqual(1);
    });
  }

  it('does not restore twice when the CLI dies while the restore runs (real lab processes)', async () => {
    const stateDir = makeTempDir('sso-crash-');
    const labDir = join(stateDir, 'lab');
    const child = spawn(
      process.execPath,
      [
        CLI,
        'drill',
        '--autopilot',
        '--lab-transport',
        'process',
        '--state-dir',
        stateDir,
        '--lab-dir',
        labDir,
      ],
      { stdio: 'ignore' },
    );
    const runsDir = join(stateDir, 'runs');
    // Wait until the restore command has been started, then kill the CLI while `lab exec` (its own process group) runs.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const text = existsSync(runsDir) ? readRunText(runsDir) : '';
        if (/"type":"action-started","stepId":"restore-master-secret"/.test(text)) {
          clearInterval(timer);
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 60);
        } else if (Date.now() - started > 60_000) {
          clearInterval(timer);
          reject(new Error('the drill never reached the restore'));
        }
      }, 10);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the orphaned lab command finish
    const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expect(successfulRuns(labDir, /restoresecret/i)).toBe(1);
  }, 120_000);
});

function readRunText(runsDir: string): string {
  const [run] = readdirSync(runsDir);
  return run ? readFileSync(join(runsDir, run, 'journal.ndjson'), 'utf8') : '';
}
