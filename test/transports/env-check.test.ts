import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../support/run-cli.js';
import { startSshd, type TestSshd } from './sshd.js';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.stop();
});

describe('sso-failover env check', () => {
  it('finds every host of a fresh lab reachable', () => {
    const labDir = join(makeTempDir('sso-env-lab-'), 'lab');
    expect(runCli(['lab', 'init', '--dir', labDir]).status).toBe(0);
    const result = runCli(['env', 'check', join(labDir, 'environment.yaml')]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^host\s+transport\s+reachable\s+detail$/m);
    expect(result.stdout).toMatch(/^BTS01\s+lab server BTS01\s+yes\s+answered as BTS01$/m);
    expect(result.stdout).toContain('✓ SQL01: answered as SQL01');
    expect(result.stdout).toContain('All 4 hosts of lab are reachable.');
  });

  it('exits 1 with a clear line for a host whose ssh port is closed', () => {
    const file = join(makeTempDir('sso-env-ssh-'), 'env.yaml');
    const ssh = {
      type: 'ssh',
      address: '127.0.0.1',
      user: sshd.user,
      identity: sshd.identity,
      knownHosts: sshd.knownHosts,
      shell: 'posix',
    };
    writeFileSync(
      file,
      stringify({
        name: 'ssh-test',
        hosts: {
          UP: { roles: ['sso-server'], transport: { ...ssh, port: sshd.port } },
          DOWN: { roles: ['sso-server'], transport: { ...ssh, port: 1 } },
          HERE: { transport: { type: 'local' } },
        },
      }),
    );
    const result = runCli(['env', 'check', file]);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^UP\s+ssh \S+@127\.0\.0\.1:\d+ \(posix\)\s+yes\s+answered as /m);
    expect(result.stdout).toContain(
      `✗ DOWN is not reachable (ssh ${sshd.user}@127.0.0.1:1 (posix)): ssh to ${sshd.user}@127.0.0.1:1 failed: ssh: connect to host 127.0.0.1 port 1: Connection refused.`,
    );
    expect(result.stdout).toContain('✓ HERE: this computer');
    expect(result.stdout).toContain('1 of 3 hosts of ssh-test are not reachable');

    const json = runCli(['env', 'check', file, '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; hosts: { host: string; reachable: boolean }[] };
    expect(report.ok).toBe(false);
    expect(report.hosts.map((h) => [h.host, h.reachable])).toEqual([
      ['UP', true],
      ['DOWN', false],
      ['HERE', true],
    ]);
  });

  it('exits 2 with file:line:col for an invalid environment', () => {
    const file = join(makeTempDir('sso-env-bad-'), 'bad.yaml');
    writeFileSync(file, 'name: bad\nhosts:\n  BTS01:\n    transport: { type: telnet }\n');
    const result = runCli(['env', 'check', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${file.replaceAll('/', '\\/')}:4:\\d+`));
  });
});
