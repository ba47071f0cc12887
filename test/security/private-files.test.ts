import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashDrillAfter } from '../support/in-process-drill.js';
import { CLI, makeTempDir, runCli } from '../support/run-cli.js';

/** Run the CLI from a shell whose umask lets everyone read and write new files. */
function runUnderUmask000(args: string[]) {
  return spawnSync('sh', ['-c', 'umask 000; exec "$@"', 'sh', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

function everyEntry(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
}

describe('files the tool creates', () => {
  it('are owner-only (0600 files, 0700 folders) even under umask 000: journal, seal, reports, grade, lab, SQLite', () => {
    const root = makeTempDir('sso-private-');
    const stateDir = join(root, 'state');
    const labDir = join(root, 'lab');
    const drill = runUnderUmask000([
      'drill',
      '--autopilot',
      '--time-scale',
      '600',
      '--state-dir',
      stateDir,
      '--lab-dir',
      labDir,
    ]);
    expect(drill.status, drill.stderr).toBe(0);
    const entries = [...everyEntry(stateDir), ...everyEntry(labDir)];
    expect(entries.some((e) => e.endsWith('lab.sqlite'))).toBe(true);
    expect(entries.some((e) => e.endsWith('environment.yaml'))).toBe(true);
    const open = entries
      .filter((entry) => (statSync(entry).mode & 0o077) !== 0)
      .map((entry) => `${entry} ${(statSync(entry).mode & 0o777).toString(8)}`);
    expect(open).toEqual([]);
  }, 60_000);

  it('are never written through a planted symbolic link, and the link target is left as it was', async () => {
    const root = makeTempDir('sso-private-');
    const stateDir = join(root, 'state');
    const crashed = await crashDrillAfter('step-started:restore-master-secret', { stateDir });
    expect(crashed.crashed).toBe(true);
    const runDir = join(stateDir, 'runs', readdirSync(join(stateDir, 'runs'))[0]!);
    const target = join(root, 'precious.txt');
    writeFileSync(target, 'keep me', { mode: 0o644 });
    for (const name of ['report.md', 'report.html', 'drill-grade.json']) {
      // A process killed mid-run never wrote them; the in-process crash's cleanup may have.
      rmSync(join(runDir, name), { force: true });
      symlinkSync(target, join(runDir, name));
    }
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(resumed.stderr).toContain(
      'is a symbolic link; sso-failover does not write through links in its folders',
    );
    expect(resumed.stderr).not.toContain('internal error');
  }, 60_000);

  it('refuses a journal that is a symbolic link, in one line', async () => {
    const root = makeTempDir('sso-private-');
    const stateDir = join(root, 'state');
    await crashDrillAfter('step-started:restore-master-secret', { stateDir });
    const runDir = join(stateDir, 'runs', readdirSync(join(stateDir, 'runs'))[0]!);
    const moved = join(root, 'elsewhere.ndjson');
    writeFileSync(moved, readFileSync(join(runDir, 'journal.ndjson')));
    const journal = join(runDir, 'journal.ndjson');
    spawnSync('rm', [journal]);
    symlinkSync(moved, journal);
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(2);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toContain('journal.ndjson is a symbolic link');
  }, 60_000);

  it('refuses a run folder that is a symbolic link, in one line', async () => {
    const root = makeTempDir('sso-private-');
    const stateDir = join(root, 'state');
    await crashDrillAfter('step-started:restore-master-secret', { stateDir });
    const runId = readdirSync(join(stateDir, 'runs'))[0]!;
    const runDir = join(stateDir, 'runs', runId);
    const elsewhere = join(root, 'elsewhere');
    spawnSync('mv', [runDir, elsewhere]);
    symlinkSync(elsewhere, runDir);
    const resumed = runCli(['resume', runId, '--autopilot', '--state-dir', stateDir]);
    expect(resumed.status).toBe(2);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
    expect(resumed.stderr).toContain(`${runDir} is a symbolic link`);
  }, 60_000);
});
