import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * better-sqlite3's install script (prebuild-install) first looks for a prebuilt binary, then compiles from
 * source (~50 s of CPU here, the slowest thing in the whole suite). A user with internet access gets the
 * prebuilt one from GitHub; CI has no such access. Offer it the binary `npm ci` already compiled, under the
 * name prebuild-install looks for in a local prebuilds folder (npm_config_better_sqlite3_local_prebuilds),
 * so this test installs the way that user does. `npm ci` in .ci/run still compiles from source; a version
 * this file does not match falls back to compiling, which is slower but the same result.
 */
function localPrebuilds(work: string): string {
  const dir = join(work, 'prebuilds');
  mkdirSync(dir);
  const module = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(module, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = spawnSync('tar', ['-czf', join(dir, name), '-C', module, 'build/Release/better_sqlite3.node']);
  expect(tar.status, String(tar.stderr)).toBe(0);
  return dir;
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('installs a working sso-failover that finds its runbooks from any folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'sso-pack-'));
    const packed = spawnSync('npm', ['pack', '--pack-destination', work, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [
      { filename: string; files: { path: string }[] },
    ];
    const paths = files.map((f) => f.path);
    // Only what is needed: the build, the runbooks, the README, the licence, package.json.
    expect(
      paths.every((p) => /^(dist\/|runbooks\/|README\.md$|LICENSE$|package\.json$)/.test(p)),
      paths.join(' '),
    ).toBe(true);
    expect(
      paths.some((p) => p.startsWith('dist/bundle/') || p.startsWith('test/') || p.startsWith('src/')),
    ).toBe(false);

    const prefix = join(work, 'prefix');
    const installed = spawnSync(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(work, filename),
      ],
      {
        encoding: 'utf8',
        timeout: 600_000,
        env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: localPrebuilds(work) },
      },
    );
    expect(installed.status, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'sso-failover');
    const elsewhere = mkdtempSync(join(tmpdir(), 'sso-cwd-'));
    const cli = (args: string[]) =>
      spawnSync(bin, args, {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 120_000,
      });

    expect(cli(['--help']).stdout).toContain('Usage: sso-failover');
    expect(cli(['list']).stdout).toContain('designate-new-master-secret-server');
    const drill = cli(['drill', '--autopilot', '--json', '--state-dir', join(elsewhere, 'state')]);
    expect(drill.status, drill.stdout.slice(-1500) + drill.stderr).toBe(0);
    expect(JSON.parse(drill.stdout.trim().split('\n').at(-1)!)).toMatchObject({ passed: true });
    expect(readdirSync(elsewhere)).toEqual(['state']);
  }, 900_000);
});
