import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandLocalPath } from '../../src/runbook/expand-local-path.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('expandLocalPath', () => {
  const env = { USERPROFILE: 'C:\\Users\\John Smith', HOMEDRIVE: 'C:' };

  it('expands ~ and %NAME% (any case), and leaves unknown variables and a ~ inside a name alone', () => {
    expect(expandLocalPath('~/.ssh/id_ed25519', env, '/home/ops')).toBe('/home/ops/.ssh/id_ed25519');
    expect(expandLocalPath('~\\.ssh\\known_hosts', env, 'C:\\Users\\ops')).toBe(
      'C:\\Users\\ops\\.ssh\\known_hosts',
    );
    expect(expandLocalPath('%UserProfile%\\.ssh\\id_ed25519', env)).toBe(
      'C:\\Users\\John Smith\\.ssh\\id_ed25519',
    );
    expect(expandLocalPath('%NOPE%\\x', env)).toBe('%NOPE%\\x');
    expect(expandLocalPath('/keys/a~b', env, '/home/ops')).toBe('/keys/a~b');
  });

  it('is applied to ssh key and known_hosts paths of an environment before they are made absolute', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-env-paths-'));
    dirs.push(dir);
    const file = join(dir, 'env.yaml');
    writeFileSync(
      file,
      'name: t\nhosts:\n  BTS02: { roles: [biztalk], transport: { type: ssh, address: bts02, identity: "~/.ssh/id_ed25519", knownHosts: "%SSO_TEST_KEYS%/known hosts" } }\nvars: {}\n',
    );
    process.env.SSO_TEST_KEYS = '/srv/keys';
    try {
      const transport = loadEnvironment(file).hosts.BTS02!.transport;
      expect(transport).toMatchObject({
        identity: join(process.env.HOME ?? '', '.ssh/id_ed25519'),
        knownHosts: '/srv/keys/known hosts',
      });
    } finally {
      delete process.env.SSO_TEST_KEYS;
    }
  });
});
