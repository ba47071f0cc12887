import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommandLog, verifyLab } from '../../src/lab/index.js';
import { diskFullAt } from '../support/disk-full-at.js';
import {
  crashAfter,
  crashDrillAfter,
  drillInProcess,
  drillWith,
  resumeInProcess,
} from '../support/in-process-drill.js';
import { readRunEvents, runCli } from '../support/run-cli.js';

const RUNBOOK = 'designate-new-master-secret-server';

/** Commands that must never take effect twice in one failover. */
// ssoconfig's switches or ISSOConfigSS's methods (the runbooks' PowerShell scripts)
const NON_IDEMPOTENT = [/-updatedb/i, /restoresecret/i, /backupsecret/i];

function successfulRuns(labDir: string, pattern: RegExp): number {
  return readCommandLog(labDir).filter(
    (entry) => entry.exitCode === 0 && entry.argv.some((a) => pattern.test(a)),
  ).length;
}

function expectNothingDoneTwice(labDir: string): void {
  for (const pattern of NON_IDEMPOTENT)
    expect(successfulRuns(labDir, pattern), String(pattern)).toBeLessThanOrEqual(1);
}

function journalFile(stateDir: string): string {
  const runs = join(stateDir, 'runs');
  return join(runs, readdirSync(runs)[0]!, 'journal.ndjson');
}

/**
 * An in-process drill that dies right after `target` is journaled — or whose disk fills while it journals
 * `how.diskFullAt` — optionally with its journal's tail then damaged as a power cut would, then resumed.
 */
async function crashAndResume(
  target: string,
  how: { diskFullAt?: string; tear?: (text: string) => string; pauseMs?: number } = {},
) {
  const decorator = how.diskFullAt ? { journal: diskFullAt(how.diskFullAt) } : crashAfter(target);
  const crashed = await drillWith(decorator);
  if (!how.diskFullAt)
    expect('crashed' in decorator && decorator.crashed(), `never journaled ${target}`).toBe(true);
  if (how.tear) {
    const file = journalFile(crashed.stateDir);
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
  // Lab time runs on while the laptop is dead (600× here): a service that was starting has started.
  if (how.pauseMs) await new Promise((resolve) => setTimeout(resolve, how.pauseMs));
  const resumed = await resumeInProcess(crashed.stateDir);
  return { crashed, resumed, stateDir: crashed.stateDir, labDir: crashed.labDir };
}

const passed = (labDir: string) => verifyLab(labDir, RUNBOOK).passed;

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
      expect(passed(labDir)).toBe(true);
      expectNothingDoneTwice(labDir);
    });
  }

  for (const stepId of [
    'name-new-mss-in-ssodb',
    'restore-master-secret',
    'stop-entsso-on-new-mss',
    'take-fresh-backup',
  ]) {
    it(`settles an action interrupted between its intent and its result (${stepId})`, async () => {
      const { resumed, labDir } = await crashAndResume(`action-started:${stepId}`);
      expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
      expect(resumed.stdout).toMatch(/It may have half-run|had taken effect before the interruption/);
      expectNothingDoneTwice(labDir);
    });
  }
});

/** Every intent (action-started, not a rollback) of an undisturbed drill, as `action-started:<step>:<command-index>`. */
async function intentPoints(): Promise<string[]> {
  const { stateDir, exitCode } = await drillInProcess();
  expect(exitCode).toBe(0);
  const points = readRunEvents(stateDir)
    .filter((e) => e.type === 'action-started' && e.rollback === false)
    .map((e) => `action-started:${e.stepId}:${e.commandIndex}`);
  return [...new Set(points)];
}

describe('crash harness: a full disk at every intent of the designate drill, then resume', async () => {
  const points = await intentPoints();

  it('has intents to test', () => {
    expect(points.length).toBeGreaterThan(10);
  });

  for (const point of points) {
    it(`stops before the action when its intent cannot be written (${point}), and resume passes`, async () => {
      const { crashed, resumed, labDir } = await crashAndResume('', { diskFullAt: point });
      expect((crashed.error as { exitCode?: number }).exitCode).toBe(1);
      expect((crashed.error as Error).message).toContain('the run stopped there, before that action started');
      expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
      expect(passed(labDir)).toBe(true);
      expectNothingDoneTwice(labDir);
    });
  }
});

describe('crash harness: full disks and torn journal tails', () => {
  it('stops before -updatedb when its intent cannot be journaled (disk full), and resume runs it exactly once', async () => {
    const { crashed, resumed, labDir, stateDir } = await crashAndResume('', {
      diskFullAt: 'action-started:name-new-mss-in-ssodb:1',
    });
    const message = (crashed.error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('(the disk is full); the run stopped there, before that action started');
    expect((crashed.error as { exitCode?: number }).exitCode).toBe(1);
    expect(
      runCli(['journal', 'verify', readdirSync(join(stateDir, 'runs'))[0]!, '--state-dir', stateDir]).status,
    ).toBe(0);
    expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
    expect(passed(labDir)).toBe(true);
    expect(successfulRuns(labDir, /-updatedb/i)).toBe(1);
    expectNothingDoneTwice(labDir);
  });

  it('settles the restore as in doubt when its result cannot be journaled (disk full after it ran)', async () => {
    const { crashed, resumed, labDir, stateDir } = await crashAndResume('', {
      diskFullAt: 'action-finished:restore-master-secret',
    });
    expect((crashed.error as { exitCode?: number }).exitCode).toBe(1);
    expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain('It may have half-run');
    expect(readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt')).toBe(
      true,
    );
    expect(successfulRuns(labDir, NON_IDEMPOTENT[1]!)).toBe(1);
    expectNothingDoneTwice(labDir);
  });

  it('counts an interrupted `sc.exe start` whose goal already holds as done, instead of running it again', async () => {
    const { crashed, resumed, labDir } = await crashAndResume('', {
      diskFullAt: 'action-finished:start-entsso-on-new-mss:0',
      pauseMs: 500,
    });
    expect((crashed.error as { exitCode?: number }).exitCode).toBe(1);
    expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain(
      '`sc.exe start entsso` had taken effect before the interruption: it counts as done and is not run again.',
    );
    expect(passed(labDir)).toBe(true);
    const starts = readCommandLog(labDir).filter(
      (entry) => entry.argv.join(' ').toLowerCase() === 'sc.exe start entsso',
    );
    expect(starts).toHaveLength(1);
    expectNothingDoneTwice(labDir);
  });

  it('repairs a journal whose last record lost its newline, and the run then verifies and passes', async () => {
    const { resumed, labDir, stateDir } = await crashAndResume('action-finished:restore-master-secret', {
      tear: (text) => text.slice(0, -1),
    });
    expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
    expect(passed(labDir)).toBe(true);
    const runId = readdirSync(join(stateDir, 'runs'))[0]!;
    expect(readFileSync(journalFile(stateDir), 'utf8')).not.toContain('\0');
    expect(runCli(['journal', 'verify', runId, '--state-dir', stateDir]).status).toBe(0);
    expect(runCli(['runs', '--json', '--state-dir', stateDir]).stdout).toContain('"state":"finished"');
    expectNothingDoneTwice(labDir);
  });

  it('treats a torn intent record as in doubt, never as "not started"', async () => {
    const { resumed, labDir, stateDir } = await crashAndResume('action-started:restore-master-secret', {
      // A power cut mid-write: the last record (the intent) is only half on disk.
      tear: (text) => {
        const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
        return text.slice(0, text.length - Math.floor(lastLine.length / 2));
      },
    });
    expect(resumed.exitCode, resumed.stdout.slice(-2000)).toBe(0);
    expect(resumed.stdout).toContain('It may have half-run');
    expect(readRunEvents(stateDir).some((e) => e.type === 'failure-decided' && e.phase === 'in-doubt')).toBe(
      true,
    );
    expect(passed(labDir)).toBe(true);
    expectNothingDoneTwice(labDir);
  });
});

describe('resume trusts only a journal whose chain and seal hold', () => {
  const crashBeforeRestore = async () => {
    const { stateDir } = await crashDrillAfter('step-started:restore-master-secret');
    return { stateDir, file: journalFile(stateDir) };
  };

  it('refuses a journal with an edited input (newMss), naming the line and what to do', async () => {
    const { stateDir, file } = await crashBeforeRestore();
    const lines = readFileSync(file, 'utf8').split('\n');
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

  it('refuses a forged step-finished for the restore', async () => {
    const { stateDir, file } = await crashBeforeRestore();
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

  it('refuses to resume a finished run whose end was cut off', async () => {
    const { stateDir, exitCode } = await drillInProcess();
    expect(exitCode).toBe(0);
    const file = journalFile(stateDir);
    writeFileSync(file, `${readFileSync(file, 'utf8').trim().split('\n').slice(0, -12).join('\n')}\n`);
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr).toContain('records were cut from its end');
  });
});
