import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI, makeTempDir, runCli } from '../support/run-cli.js';

type Finding = { id: string; ok: boolean; message: string; advice?: string; value?: number };
type Report = { environment: string; ready: boolean; checkedAt: string; findings: Finding[] };

const run = promisify(execFile);

/** The built CLI as a real process; the lab is reached through its normal transport (lab exec processes). */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 180_000,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

function initLab(...args: string[]): { labDir: string; env: string; stateDir: string } {
  const stateDir = makeTempDir('sso-readiness-');
  const labDir = join(stateDir, 'lab');
  const init = runCli(['lab', 'init', '--dir', labDir, ...args]);
  expect(init.status, init.stderr).toBe(0);
  return { labDir, env: join(labDir, 'environment.yaml'), stateDir };
}

async function readiness(env: string, stateDir: string): Promise<{ status: number; report: Report }> {
  const result = await cli(['readiness', '--env', env, '--state-dir', stateDir, '--json']);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

const finding = (report: Report, id: string) => {
  const found = report.findings.find((f) => f.id === id);
  if (!found) throw new Error(`no finding ${id} in ${report.findings.map((f) => f.id).join(', ')}`);
  return found;
};
const failedIds = (report: Report) => report.findings.filter((f) => !f.ok).map((f) => f.id);

/** One Prometheus text-format sample: name{labels} value. */
const SAMPLE = /^([a-z_]+)\{((?:[a-z_]+="(?:[^"\\]|\\.)*",?)*)\} (-?\d+(?:\.\d+)?)$/;

function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries(
        [...match[2]!.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

// each readiness runs some thirty `lab exec` processes: seconds, minutes on a loaded machine
const SLOW = 300_000;

describe('readiness against labs through the lab transport', () => {
  it(
    'passes on a healthy lab once the designate runbook has a passing drill (exit 0), in all three formats',
    async () => {
      const { env, stateDir } = initLab();
      const before = await readiness(env, stateDir);
      expect(before.status).toBe(1);
      expect(failedIds(before.report)).toEqual(['drill:designate-new-master-secret-server']);

      const drill = runCli(['drill', '--autopilot', '--json', '--state-dir', stateDir]);
      expect(drill.status, drill.stdout).toBe(0);
      // no passing drill was on record: the drill itself says so in one line before it starts
      expect(drill.stderr).toMatch(/^Reminder: no passing drill of designate-new-master-secret-server/m);
      // ...and that this drill is the way to put one on record, not another command to type
      expect(drill.stderr).toContain('this drill puts one on record if it passes.');
      expect(drill.stderr).not.toContain('Practise it:');

      const { status, report } = await readiness(env, stateDir);
      expect(status).toBe(0);
      expect(report.ready).toBe(true);
      expect(report.findings.map((f) => f.id)).toEqual([
        'backup-record',
        'backup-off-box',
        'backup-sha256',
        'backup-age',
        'backup-on-mss',
        'backup-secret',
        'password-holder',
        'standby',
        'drill:designate-new-master-secret-server',
      ]);
      expect(finding(report, 'standby').message).toMatch(
        /^BTS01, BTS02 could become master secret server now/,
      );

      const [text, prom] = await Promise.all([
        cli(['readiness', '--env', env, '--state-dir', stateDir]),
        cli(['readiness', '--env', env, '--state-dir', stateDir, '--format', 'prometheus']),
      ]);
      expect(text.status).toBe(0);
      const lines = text.stdout.trim().split('\n');
      expect(lines).toHaveLength(10);
      expect(lines.at(-1)).toBe('lab is ready for a failover: all 9 checks passed.');
      expect(prom.status).toBe(0);
      const samples = parsePrometheus(prom.stdout);
      expect(samples.find((s) => s.name === 'sso_failover_ready')).toMatchObject({
        labels: { environment: 'lab' },
        value: 1,
      });
      expect(samples.filter((s) => s.name === 'sso_failover_check_ok').map((s) => s.value)).toEqual(
        Array(9).fill(1),
      );
      expect(samples.find((s) => s.name === 'sso_failover_standbys_ready')?.value).toBe(2);
      expect(samples.find((s) => s.name === 'sso_failover_backup_age_seconds')?.value).toBeGreaterThan(0);
      expect(
        samples.find(
          (s) =>
            s.name === 'sso_failover_drill_age_seconds' &&
            s.labels.runbook === 'designate-new-master-secret-server',
        )?.value,
      ).toBeGreaterThanOrEqual(0);

      // a drill older than the policy fails its finding (policy.drillMaxAgeDays, here about a tenth of a second)
      const strict = join(stateDir, 'strict.yaml');
      writeFileSync(strict, `${readFileSync(env, 'utf8')}policy:\n  drillMaxAgeDays: 0.000001\n`);
      const old = await readiness(strict, stateDir);
      expect(old.status).toBe(1);
      expect(failedIds(old.report)).toEqual(['drill:designate-new-master-secret-server']);
      expect(finding(old.report, 'drill:designate-new-master-secret-server').advice).toContain(
        'drill --runbook designate-new-master-secret-server',
      );
    },
    SLOW,
  );

  it(
    'flags a backup from before the last -generateSecret (stale-backup), a replaced backup (foreign-backup) and a lab without a standby',
    async () => {
      const stale = initLab('--fault', 'stale-backup');
      const foreign = initLab('--fault', 'foreign-backup');
      const alone = initLab('--servers', 'SSO01');
      const [s, f, a] = await Promise.all([
        readiness(stale.env, stale.stateDir),
        readiness(foreign.env, foreign.stateDir),
        readiness(alone.env, alone.stateDir),
      ]);
      for (const result of [s, f, a]) expect(result.status).toBe(1);

      // the file is the one recorded; its MSID is not the one the servers use (10525 after 10559)
      expect(finding(s.report, 'backup-sha256').ok).toBe(true);
      expect(finding(s.report, 'backup-age').ok).toBe(true);
      expect(finding(s.report, 'backup-secret')).toMatchObject({ ok: false });
      expect(finding(s.report, 'backup-secret').message).toMatch(
        /the backup is from before the last -generateSecret/,
      );
      expect(finding(s.report, 'backup-secret').message).toMatch(/generated on SSO01|event 10529 on BTS0/);
      expect(finding(s.report, 'standby').ok).toBe(true);

      // another system's file where the recorded backup was: its SHA-256 gives it away without the password
      expect(finding(f.report, 'backup-sha256')).toMatchObject({ ok: false });
      expect(finding(f.report, 'backup-sha256').message).toMatch(/is not the file that was recorded/);
      expect(finding(f.report, 'backup-secret').ok).toBe(true);
      expect(finding(f.report, 'standby').ok).toBe(true);

      expect(failedIds(a.report)).toContain('standby');
      expect(finding(a.report, 'standby').message).toMatch(/^no standby SSO server in lab/);
      expect(finding(a.report, 'backup-secret').ok).toBe(true);
    },
    SLOW,
  );

  it('refuses bad input with one line and exit 2', async () => {
    const stateDir = makeTempDir('sso-readiness-');
    const invalid = join(stateDir, 'invalid.yaml');
    writeFileSync(invalid, 'name: x\nhosts: {}\npolicy:\n  backupMaxAgeDays: -1\n  drillMaxAgeDays: 0\n');
    const results = await Promise.all([
      cli(['readiness', '--env', invalid, '--state-dir', stateDir]),
      cli(['readiness', '--state-dir', stateDir]),
      cli(['readiness', '--env', join(stateDir, 'missing.yaml'), '--state-dir', stateDir]),
      cli(['readiness', '--env', join(stateDir, 'missing.yaml'), '--format', 'xml']),
    ]);
    for (const result of results) {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(results[0]!.stderr).toMatch(
      /invalid\.yaml is not a valid environment; fix these problems: .*policy\.backupMaxAgeDays.*; .*policy\.drillMaxAgeDays/,
    );
    expect(results[1]!.stderr).toMatch(/readiness needs --env <file>/);
    expect(results[2]!.stderr).toMatch(/cannot read environment file .*missing\.yaml: ENOENT/);
    expect(results[3]!.stderr).toMatch(/--format xml is not known: use text, json or prometheus/);
  });
});
