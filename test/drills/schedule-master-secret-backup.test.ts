import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMsvcrtCommandLine } from '../transports/windows-parsers.js';
import { CLI, makeTempDir, parseDrillJson, readRunEvents, runCli, runDrill } from '../support/run-cli.js';

const RUNBOOK = 'schedule-master-secret-backup';

describe('schedule-master-secret-backup', () => {
  it('lints clean', () => {
    const result = runCli(['lint', `runbooks/${RUNBOOK}.yaml`]);
    expect(result.stdout + result.stderr).toContain('1 runbook(s) checked, no problems.');
    expect(result.status).toBe(0);
  });

  it('drills to a passing grade: a backup on the MSS, its copy and record off the box, nothing else touched', () => {
    const { result, json, events, labDir, stateDir } = runDrill({ runbook: RUNBOOK });
    expect(result.status, result.stdout).toBe(0);
    expect(json.criteria.filter((c) => !c.passed)).toEqual([]);
    expect(json.criteria.map((c) => c.name)).toEqual(
      expect.arrayContaining(['fresh-backup', 'off-box-record']),
    );
    // robocopy's exit 1 is what the step expects: every step done, none "after a failure"
    expect(result.stdout).toMatch(/succeeded: every step done — 8 of 8 steps done\. Journal/);
    expect(result.stdout).not.toContain('after a failure');
    const captured = (name: string) =>
      events.find((e) => e.type === 'variable-captured' && e.name === name)?.value as string;
    expect(captured('backupSha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(captured('backupMsid')).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(JSON.stringify(events)).not.toMatch(/Drill-\d{4}!/);

    // readiness reads the record the runbook wrote, through the lab transport
    const readiness = runCli([
      'readiness',
      '--env',
      join(labDir, 'environment.yaml'),
      '--state-dir',
      stateDir,
      '--json',
    ]);
    const report = JSON.parse(readiness.stdout) as {
      findings: { id: string; ok: boolean; message: string }[];
    };
    const byId = Object.fromEntries(report.findings.map((f) => [f.id, f]));
    expect(byId['backup-record']?.message).toContain(
      `SSO-backup-${json.runId}.bak from SSO01 (MSID ${captured('backupMsid')})`,
    );
    for (const id of ['backup-off-box', 'backup-sha256', 'backup-age', 'backup-on-mss', 'backup-secret'])
      expect(byId[id], id).toMatchObject({ ok: true });
    expect(byId['password-holder']?.message).toMatch(/sealed envelope .* \(so recorded with the backup\)\.$/);

    // the environment now names someone else than the record of this backup: who holds its password?
    const env = join(labDir, 'environment.yaml');
    writeFileSync(
      env,
      readFileSync(env, 'utf8').replace(/passwordHolder: .*/, 'passwordHolder: the new team lead'),
    );
    const changed = runCli(['readiness', '--env', env, '--state-dir', stateDir, '--json']);
    expect(changed.status).toBe(1);
    const holder = (JSON.parse(changed.stdout) as typeof report).findings.find(
      (f) => f.id === 'password-holder',
    );
    expect(holder).toMatchObject({ ok: false });
    expect(holder?.message).toMatch(
      /held by "the new team lead", but SSO-backup-.*\.bak was recorded with "the lab's sealed envelope/,
    );
  }, 300_000);

  it('prunes the off-box folder to policy.backupKeep', () => {
    const stateDir = makeTempDir('sso-drill-');
    const labDir = join(stateDir, 'lab');
    expect(runCli(['lab', 'init', '--dir', labDir]).status).toBe(0);
    appendFileSync(join(labDir, 'environment.yaml'), 'policy:\n  backupKeep: 1\n');
    const result = runCli([
      'drill',
      '--runbook',
      RUNBOOK,
      '--autopilot',
      '--json',
      '--lab-dir',
      labDir,
      '--state-dir',
      stateDir,
    ]);
    expect(result.status, result.stdout).toBe(0);
    expect(parseDrillJson(result.stdout).passed).toBe(true);
    const prune = readRunEvents(stateDir).find(
      (e) => e.type === 'action-finished' && e.stepId === 'prune-old-backups',
    ) as { stdout: string } | undefined;
    // the backup lab init left there is older than the new one: removed, one kept
    expect(prune?.stdout).toMatch(/^Removed SSO[0-9A-F]{6}\.bak\r?\nBackups kept : 1$/m);
  }, 300_000);

  it('plan prints the schtasks command that registers it, as cmd.exe and schtasks read it', () => {
    const env = 'runbooks/environments/example.yaml';
    const result = runCli(['plan', RUNBOOK, '--env', env, '--json']);
    expect(result.status).toBe(0);
    const { schedule } = JSON.parse(result.stdout) as { schedule: { host: string; command: string } };
    expect(schedule.host).toBe('SSO01');
    const argv = parseMsvcrtCommandLine(schedule.command);
    expect(argv.slice(0, 18)).toEqual([
      'schtasks',
      '/Create',
      '/TN',
      'sso-failover\\Back up the SSO master secret',
      '/SC',
      'MONTHLY',
      '/D',
      '1',
      '/ST',
      '02:00',
      '/RU',
      'CONTOSO\\svc-sso-backup',
      '/RP',
      '*',
      '/RL',
      'HIGHEST',
      '/F',
      '/TR',
    ]);
    // what the task runs: this installation by absolute paths, the environment and the answers file
    expect(parseMsvcrtCommandLine(argv[18]!)).toEqual([
      process.execPath,
      resolve(CLI),
      'run',
      RUNBOOK,
      '--env',
      resolve(env),
      '--answers',
      'C:\\SSOFailover\\schedule-backup.answers.yaml',
    ]);
    expect(argv).toHaveLength(19);
    const text = runCli(['plan', RUNBOOK, '--env', env]).stdout;
    expect(text).toContain(`Register it once, in an elevated prompt on SSO01`);
    expect(text).toContain(schedule.command);
    const md = runCli(['export', RUNBOOK, '--env', env, '--format', 'md']).stdout;
    expect(md).toContain('## Schedule');
    expect(md).toContain(schedule.command);
    expect(readFileSync(`runbooks/${RUNBOOK}.yaml`, 'utf8')).toContain('every: MONTHLY');
  });
});
