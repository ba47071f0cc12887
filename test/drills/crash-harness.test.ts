import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/lab/index.js';
import { CLI, makeTempDir, parseDrillJson, readRunEvents, runCli } from '../support/run-cli.js';

/** Commands that must never take effect twice in one failover. */
const NON_IDEMPOTENT = [/-updatedb/i, /-restoresecret/i, /-backupsecret/i];

function successfulRuns(labDir: string, pattern: RegExp): number {
  return readCommandLog(labDir).filter(
    (entry) => entry.exitCode === 0 && entry.argv.some((a) => pattern.test(a)),
  ).length;
}

/**
 * Crash a drill (SIGKILL) right after `crashAfter` is journaled — or fill its disk while it journals
 * `diskFullAt` — optionally damage the journal's tail as a power cut would, then resume it with the autopilot.
 */
function crashAndResume(
  crashAfter: string,
  how: { diskFullAt?: string; tear?: (text: string) => string } = {},
) {
  const stateDir = makeTempDir('sso-crash-');
  const labDir = join(stateDir, 'lab');
  const crashed = runCli(
    ['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir, '--lab-dir', labDir],
    {
      env: how.diskFullAt
        ? { SSO_FAILOVER_DISK_FULL_AT: how.diskFullAt }
        : { SSO_FAILOVER_CRASH_AFTER: crashAfter },
    },
  );
  if (how.tear) {
    const file = journalFile(join(stateDir, 'runs'));
    const torn = how.tear(readFileSync(file, 'utf8'));
    writeFileSync(file, torn);
    // The power cut came before the record's fsync, so before the seal was moved past it.
    const whole = torn.slice(0, torn.lastIndexOf('\n')).split('\n');
    const last = JSON.parse(whole.at(-1)!) as { hash: string };
    writeFileSync(
      join(file, '..', 'journal.seal'),
      JSON.stringify({ records: whole.length, hash: last.hash }),
    );
  }
  const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
  return { crashed, resumed, stateDir, labDir };
}

function expectNothingTwice(labDir: string): void {
  for (const pattern of NON_IDEMPOTENT)
    expect(successfulRuns(labDir, pattern), String(pattern)).toBeLessThanOrEqual(1);
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
    'refresh-sso-server@BTS02',
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
    expect(successfulRuns(labDir, /-restoresecret/i)).toBe(1);
  }, 120_000);
});

function readRunText(runsDir: string): string {
  const [run] = readdirSync(runsDir);
  return run ? readFileSync(join(runsDir, run, 'journal.ndjson'), 'utf8') : '';
}

function journalFile(runsDir: string): string {
  return join(runsDir, readdirSync(runsDir)[0]!, 'journal.ndjson');
}

/** Every intent (action-started, not a rollback) of an undisturbed drill, as `action-started:<step>:<command-index>`. */
function intentPoints(): string[] {
  const stateDir = makeTempDir('sso-crash-');
  expect(runCli(['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir]).status).toBe(0);
  const points = readRunEvents(stateDir)
    .filter((e) => e.type === 'action-started' && e.rollback === false)
    .map((e) => `action-started:${e.stepId}:${e.commandIndex}`);
  return [...new Set(points)];
}

describe('crash harness: a full disk at every intent of the designate drill, then resume', () => {
  const points = intentPoints();

  it('has intents to test', () => {
    expect(points.length).toBeGreaterThan(15);
  });

  for (const point of points) {
    it(`stops before the action when its intent cannot be written (${point}), and resume passes`, () => {
      const { crashed, resumed, labDir } = crashAndResume('', { diskFullAt: point });
      expect(crashed.status).toBe(1);
      expect(crashed.stderr).toContain('the run stopped there, before that action started');
      expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
      expect(parseDrillJson(resumed.stdout).passed).toBe(true);
      expectNothingTwice(labDir);
    });
  }
});

describe('crash harness: full disks and torn journal tails', () => {
  it('stops before -updatedb when its intent cannot be journaled (disk full), and resume runs it exactly once', () => {
    const { crashed, resumed, labDir, stateDir } = crashAndResume('', {
      diskFullAt: 'action-started:name-new-mss-in-ssodb:1',
    });
    expect(crashed.status).toBe(1);
    expect(crashed.stderr.trim().split('\n')).toHaveLength(1);
    expect(crashed.stderr).toContain('(the disk is full); the run stopped there, before that action started');
    expect(
      runCli(['journal', 'verify', readdirSync(join(stateDir, 'runs'))[0]!, '--state-dir', stateDir]).status,
    ).toBe(0);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expect(successfulRuns(labDir, /-updatedb/i)).toBe(1);
    expectNothingTwice(labDir);
  });

  it('settles the restore as in doubt when its result cannot be journaled (disk full after it ran)', () => {
    const { crashed, resumed, labDir, stateDir } = crashAndResume('', {
      diskFullAt: 'action-finished:restore-master-secret',
    });
    expect(crashed.status).toBe(1);
    expect(successfulRuns(labDir, /-restoresecret/i)).toBe(1);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain('It may have half-run');
    expect(readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt')).toBe(
      true,
    );
    expect(successfulRuns(labDir, /-restoresecret/i)).toBe(1);
    expectNothingTwice(labDir);
  });

  it('counts an interrupted `net stop` whose goal already holds as done, instead of failing on a second `net stop`', () => {
    const { crashed, resumed, labDir, stateDir } = crashAndResume('', {
      diskFullAt: 'action-finished:refresh-sso-server@BTS02:0',
    });
    expect(crashed.status).toBe(1);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain(
      '`net stop entsso /y` had taken effect before the interruption: it counts as done and is not run again.',
    );
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    const netStops = readCommandLog(labDir).filter(
      (entry) => entry.host === 'BTS02' && entry.argv.join(' ').toLowerCase() === 'net stop entsso /y',
    );
    expect(netStops).toHaveLength(1);
    // The continued command keeps its position in the action, so a second interruption settles the right one.
    expect(
      readRunEvents(stateDir).filter(
        (e) =>
          e.type === 'action-started' &&
          e.stepId === 'refresh-sso-server@BTS02' &&
          e.command === 'sc start entsso',
      ),
    ).toEqual([expect.objectContaining({ commandIndex: 1 })]);
    expectNothingTwice(labDir);
  });

  it('repairs a journal whose last record lost its newline, and the run then verifies and passes', () => {
    const { resumed, labDir, stateDir } = crashAndResume('action-finished:restore-master-secret', {
      tear: (text) => text.slice(0, -1),
    });
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    const runId = readdirSync(join(stateDir, 'runs'))[0]!;
    expect(readFileSync(journalFile(join(stateDir, 'runs')), 'utf8')).not.toContain('\0');
    expect(runCli(['journal', 'verify', runId, '--state-dir', stateDir]).status).toBe(0);
    expect(runCli(['runs', '--json', '--state-dir', stateDir]).stdout).toContain('"state":"finished"');
    expectNothingTwice(labDir);
  });

  it('treats a torn intent record as in doubt, never as "not started"', () => {
    const { resumed, labDir, stateDir } = crashAndResume('action-started:restore-master-secret', {
      // A power cut mid-write: the last record (the intent) is only half on disk.
      tear: (text) => {
        const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
        return text.slice(0, text.length - Math.floor(lastLine.length / 2));
      },
    });
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain('It may have half-run');
    expect(readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt')).toBe(
      true,
    );
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expectNothingTwice(labDir);
  });
});

describe('resume trusts only a journal whose chain and seal hold', () => {
  const crashBeforeRestore = () => {
    const stateDir = makeTempDir('sso-forged-');
    runCli(['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir], {
      env: { SSO_FAILOVER_CRASH_AFTER: 'step-started:restore-master-secret' },
    });
    return { stateDir, file: journalFile(join(stateDir, 'runs')) };
  };

  it('refuses a journal with an edited input (newMss), naming the line and what to do', () => {
    const { stateDir, file } = crashBeforeRestore();
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"key":"newMss"'));
    lines[line] = lines[line]!.replace(/"value":"[^"]*"/, '"value":"BTS02"');
    writeFileSync(file, lines.join('\n'));
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toContain(
      `journal.ndjson:${line + 1}: record ${line}: its content does not match its hash: the record was edited. Resuming from a damaged journal could repeat or skip actions`,
    );
  });

  it('refuses a forged step-finished for the restore', () => {
    const { stateDir, file } = crashBeforeRestore();
    const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as {
      seq: number;
      hash: string;
    };
    const forged = {
      seq: last.seq + 1,
      prev: last.hash,
      hash: 'f'.repeat(64),
      event: {
        type: 'step-finished',
        stepId: 'restore-master-secret',
        durationMs: 1,
        at: new Date().toISOString(),
      },
    };
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(forged)}\n`);
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr).toMatch(/its content does not match its hash/);
    expect(resumed.stdout).not.toContain('Resuming');
  });

  it('refuses to resume a finished run whose end was cut off', () => {
    const stateDir = makeTempDir('sso-forged-');
    expect(runCli(['drill', '--autopilot', '--time-scale', '600', '--state-dir', stateDir]).status).toBe(0);
    const file = journalFile(join(stateDir, 'runs'));
    writeFileSync(file, `${readFileSync(file, 'utf8').trim().split('\n').slice(0, -12).join('\n')}\n`);
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr).toContain('records were cut from its end');
  });
});
