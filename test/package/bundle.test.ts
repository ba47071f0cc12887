import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let folder: string;

const run = (args: string[]) =>
  spawnSync(process.execPath, ['sso-failover.mjs', ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('offline bundle (npm run bundle)', () => {
  beforeAll(() => {
    const built = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    // An empty folder with only the bundle and the runbooks: no node_modules anywhere above it.
    folder = mkdtempSync(join(tmpdir(), 'sso-bundle-'));
    cpSync(join(ROOT, 'dist/bundle'), folder, { recursive: true });
    expect(readdirSync(folder).sort()).toEqual(['runbooks', 'sso-failover.mjs']);
    expect(existsSync(join(tmpdir(), 'node_modules'))).toBe(false);
  }, 60_000);

  it('lints the shipped runbooks', () => {
    const result = run(['lint']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\d+ runbook\(s\) checked, no problems/);
  });

  it('locates the problems of a broken runbook (the positions library is in the bundle too)', () => {
    writeFileSync(join(folder, 'broken.yaml'), 'id: broken\ntitle: [\n');
    const result = run(['lint', 'broken.yaml']);
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/^broken\.yaml:3:1 /m);
    expect(result.stderr).not.toContain('internal error');
  });

  it('plans a runbook against an environment, printing the Windows commands', () => {
    const env = join(folder, 'runbooks/environments/example.yaml');
    const result = run(['plan', 'designate-new-master-secret-server', '--env', env]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('ssomanage.exe" -updatedb');
    expect(result.stdout).toContain('$secretServer.RestoreSecret(');
  });

  it('knows its version and refuses the lab with one clear line', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const lab = run(['drill', '--autopilot']);
    expect(lab.status).toBe(2);
    expect(lab.stderr.trim().split('\n')).toHaveLength(1);
    expect(lab.stderr).toContain('better-sqlite3');
  });
});
