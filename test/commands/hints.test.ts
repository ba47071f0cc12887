import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/pty.js';
import { writeCraftedRun, RUN_ID } from '../report/crafted-run.js';
import { crashDrillAfter } from '../support/in-process-drill.js';
import { CLI, makeTempDir, runCli } from '../support/run-cli.js';

describe('the next command a screen suggests works as printed', () => {
  it('list suggests plan with the example environment; that command, run as printed, resolves every host and tool path', () => {
    const listed = spawnSync(process.execPath, [CLI, 'list'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const suggested = /^ {4}(node \S+ plan \S+ --env \S+)$/m.exec(listed.stdout)?.[1];
    expect(suggested).toBe(
      'node dist/cli.js plan designate-new-master-secret-server --env runbooks/environments/example.yaml',
    );
    const planned = spawnSync('/bin/sh', ['-c', suggested!], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(planned.status).toBe(0);
    expect(planned.stdout).not.toContain('{{ssoToolDir}}');
    expect(planned.stdout).toContain('C:\\Program Files\\Common Files\\Enterprise Single Sign-On');
  });

  it('a drill without a terminal is refused with the way out: --autopilot', () => {
    const result = runCli(['drill']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('add --autopilot');
  });

  it('an error about runs names the command that lists them, with the state folder, and it works as printed', () => {
    const stateDir = makeTempDir('sso-hints-');
    const refused = spawnSync(process.execPath, [CLI, 'resume', '--state-dir', stateDir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    const suggested = /list the runs with: (.+)$/m.exec(refused.stderr)?.[1];
    expect(suggested).toBe(`node dist/cli.js runs --state-dir ${stateDir}`);
    const listed = spawnSync('/bin/sh', ['-c', suggested!], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`No runs in ${stateDir} yet.`);
  });

  it('a command an error of the lab or the runbook loader suggests is written as the tool was started, and works', () => {
    const dir = `${makeTempDir('sso-hints-lab-')}/lab`;
    const refused = spawnSync(process.execPath, [CLI, 'lab', 'status', '--dir', dir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).not.toBe(0);
    const suggested = /Create one with `([^`]+)`/.exec(refused.stderr)?.[1];
    expect(suggested).toBe(`node dist/cli.js lab init --dir ${dir}`);
    const created = spawnSync('/bin/sh', ['-c', suggested!], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(created.status, created.stderr).toBe(0);
    const unknown = spawnSync(process.execPath, [CLI, 'run', 'no-such-runbook'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(unknown.stderr).toContain('(see `node dist/cli.js list`)');
  });

  it('runs ends with the command that resumes the latest unfinished run', () => {
    const { stateDir } = writeCraftedRun();
    const listed = spawnSync(process.execPath, [CLI, 'runs', '--state-dir', stateDir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(listed.stdout).toContain(
      `Continue the latest unfinished run (${RUN_ID}) with:\n    node dist/cli.js resume ${RUN_ID} --state-dir ${stateDir}\n`,
    );
  });

  it('resume names the secrets a remaining step will ask again by their prompts, and only those', async () => {
    const stateDir = makeTempDir('sso-hints-secrets-');
    await crashDrillAfter('action-started:restore-master-secret', { stateDir });
    const resumed = runCli(['resume', '--autopilot', '--state-dir', stateDir]);
    const first = resumed.stdout.split('\n')[0]!;
    expect(first).toMatch(/Continuing at step \d+ of \d+: Restore the master secret on BTS01\./);
    expect(first).toContain('you will be asked again for: Password of the master secret backup.');
    expect(first).not.toContain('backupPassword');
  });
});
