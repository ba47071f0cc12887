import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm start (scripts/start.mjs)', () => {
  it('runs the drill from an up-to-date build without building again', () => {
    // `npm test` has just built dist/, so nothing is newer than dist/cli.js.
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Usage: sso-failover drill');
    expect(result.stderr).not.toContain('Building');
  });
});
