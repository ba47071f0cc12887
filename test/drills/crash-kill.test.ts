import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execLabTool, readCommandLog } from '../../src/lab/index.js';
import { leaseCommand, leasePath } from '../../src/transports/lease-scripts.js';
import { CLI, makeTempDir, parseDrillJson, runCli } from '../support/run-cli.js';

/** A lease script of a test's own (token "probe"): acquiring tells whether a lease is there. */
const leaseProbe = (op: 'acquire' | 'release') =>
  leaseCommand(
    op === 'acquire'
      ? { op, path: leasePath('lab'), token: 'probe', lease: '{"token":"probe"}' }
      : { op, path: leasePath('lab'), token: 'probe' },
    'windows',
  )!;

function successfulRuns(labDir: string, pattern: RegExp): number {
  return readCommandLog(labDir).filter(
    (entry) => entry.exitCode === 0 && entry.argv.some((a) => pattern.test(a)),
  ).length;
}

/** The run's journal so far; empty while the run folder or its journal does not exist yet. */
function readRunText(runsDir: string): string {
  try {
    const [run] = readdirSync(runsDir);
    return run ? readFileSync(join(runsDir, run, 'journal.ndjson'), 'utf8') : '';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * A real drill process, SIGKILLed (nothing cleaned up: lock, reports and child processes left as they are)
 * once its journal shows `seen`, then resumed by a new process. The in-process harness covers every step
 * boundary; these prove the same holds when the operating system, not a test hook, ends the process.
 */
async function killWhenJournalShows(seen: RegExp, extra: string[] = []) {
  const stateDir = makeTempDir('sso-kill-');
  const labDir = join(stateDir, 'lab');
  const child = spawn(
    process.execPath,
    [CLI, 'drill', '--autopilot', '--state-dir', stateDir, '--lab-dir', labDir, ...extra],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const runsDir = join(stateDir, 'runs');
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (seen.test(readRunText(runsDir))) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      } else if (Date.now() - started > 60_000) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`the drill never journaled ${seen}`));
      }
    }, 5);
  });
  const code = await exited;
  return { stateDir, labDir, code };
}

describe('kill -9 of a real drill process, then resume', () => {
  it('does not restore twice when the CLI dies while the restore runs (real lab processes)', async () => {
    const { stateDir, labDir } = await killWhenJournalShows(
      /"type":"action-started","stepId":"restore-master-secret"/,
      ['--lab-transport', 'process'],
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the orphaned lab command finish
    const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expect(successfulRuns(labDir, /-restoresecret|RestoreSecret\(/i)).toBe(1);
  }, 120_000);

  it('takes over the lock a killed run left behind and finishes without repeating -updatedb', async () => {
    const { stateDir, labDir, code } = await killWhenJournalShows(
      /"type":"action-finished","stepId":"name-new-mss-in-ssodb"/,
    );
    expect(code).toBeNull();
    // The killed run left its lock in its state folder and its lease on every SSO server of the lab that answers (SSO01, the lost MSS, does not).
    expect(existsSync(join(stateDir, 'locks', 'lab.lock'))).toBe(true);
    for (const host of ['BTS01', 'BTS02'])
      expect(execLabTool(labDir, host, leaseProbe('acquire')).stdout, host).toMatch(/^held\r\n\{.*"runId"/);
    const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expect(successfulRuns(labDir, /-updatedb/i)).toBe(1);
    // The resumed run took its own lease back without asking, and removed it at the end.
    expect(execLabTool(labDir, 'BTS01', leaseProbe('acquire')).stdout).toBe('acquired\r\n');
    expect(execLabTool(labDir, 'BTS01', leaseProbe('release')).stdout).toBe('released\r\n');
  }, 120_000);

  it('takes exactly one fresh backup when killed while the backup is taken', async () => {
    const { stateDir, labDir } = await killWhenJournalShows(
      /"type":"action-started","stepId":"take-fresh-backup"/,
    );
    const resumed = runCli(['resume', '--autopilot', '--json', '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout.slice(-2000)).toBe(0);
    expect(parseDrillJson(resumed.stdout).passed).toBe(true);
    expect(successfulRuns(labDir, /-backupsecret|BackupSecret\(/i)).toBeLessThanOrEqual(1);
  }, 120_000);
});
