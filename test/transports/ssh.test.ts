import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/transports/run-process.js';
import { createSshTransport, execOverSsh } from '../../src/transports/ssh.js';
import { createSshArgs } from '../../src/transports/ssh-args.js';
import { findProcesses, startSshd, type TestSshd } from './sshd.js';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.stop();
});

const HOSTILE = [
  "it's",
  '‘curly’ ‚low‛ "double"',
  `$HOME $(id) \`id\` \${PATH}`,
  'a;b&c|d>e<f',
  'line one\nline two\r\n',
  '  leading and trailing  ',
  '',
  '*?[a-z]~',
  'ünïcødé 日本語 🚀',
  '\\back\\slash\\',
  '-n',
  '%PATH% ^ !x!',
];

/** Prints each argument NUL-terminated, so the test can split exactly what arrived. */
const PRINT_ARGS = ['sh', '-c', 'printf "%s\\0" "$@"', 'sh'];

describe('ssh transport (posix shell) against a real sshd', () => {
  it('delivers hostile arguments intact to the remote command', async () => {
    const transport = createSshTransport(sshd.settings());
    const result = await transport.exec('H', [...PRINT_ARGS, ...HOSTILE]);
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });

  it('sends stdin to the remote command, and the secret appears in no command line on either side', async () => {
    const secret = `pw-${randomBytes(6).toString('hex')}`;
    // The "remote" side is this machine, so /proc shows the local ssh client and the remote processes alike.
    const script =
      'cat; echo; echo ---; for f in /proc/[0-9]*/cmdline; do tr "\\0" " " < "$f" 2>/dev/null; echo; done';
    const result = await execOverSsh(sshd.settings(), ['sh', '-c', script], {
      stdin: `${secret}\nsecond line\n`,
    });
    const [received, commandLines] = result.stdout.split('\n---\n');
    expect(received).toBe(`${secret}\nsecond line\n`);
    expect(commandLines).toContain('sso-failover-watchdog');
    expect(commandLines).not.toContain(secret);
  });

  it('returns exit codes as values', async () => {
    const transport = createSshTransport(sshd.settings());
    expect(await transport.exec('H', ['sh', '-c', 'echo out; echo err >&2; exit 42'])).toMatchObject({
      ok: false,
      exitCode: 42,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
    });
    const missing = await transport.exec('H', ['no-such-program-here']);
    expect(missing).toMatchObject({ ok: false, exitCode: 127 });
    expect(missing.error).toBeUndefined();
  });

  it('stops the remote command when the timeout kills the local client', async () => {
    const duration = `29.${randomBytes(2).readUInt16BE()}`;
    const running = execOverSsh(sshd.settings(), ['sleep', duration], { timeoutMs: 1500 });
    await expect.poll(() => findProcesses(`sleep ${duration}`).length, { timeout: 5000 }).toBe(1);
    const result = await running;
    expect(result).toMatchObject({ ok: false, timedOut: true });
    await expect.poll(() => findProcesses(`sleep ${duration}`), { timeout: 8000, interval: 100 }).toEqual([]);
  });

  it('(control) without the watchdog, sshd leaves the remote command running after the client is killed', async () => {
    const duration = `27.${randomBytes(2).readUInt16BE()}`;
    const args = createSshArgs({ ...sshd.settings(), controlDir: false }, `sleep ${duration}`, false);
    const running = runProcess('ssh', args, { timeoutMs: 1000 });
    await expect.poll(() => findProcesses(`sleep ${duration}`).length, { timeout: 5000 }).toBe(1);
    expect(await running).toMatchObject({ timedOut: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const survivors = findProcesses(`sleep ${duration}`);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    expect(survivors).toHaveLength(1);
  });

  it('returns soon after a timeout even when the shared connection holds the pipes', async () => {
    const duration = `26.${randomBytes(2).readUInt16BE()}`;
    const args = createSshArgs(sshd.settings(), `sleep ${duration}`, false);
    const started = Date.now();
    expect(await runProcess('ssh', args, { timeoutMs: 500 })).toMatchObject({ ok: false, timedOut: true });
    expect(Date.now() - started).toBeLessThan(8000);
    for (const pid of findProcesses(`sleep ${duration}`)) process.kill(pid, 'SIGKILL');
  });

  it('stops the remote command on Ctrl+C (abort) too', async () => {
    const duration = `28.${randomBytes(2).readUInt16BE()}`;
    const controller = new AbortController();
    const running = execOverSsh(sshd.settings(), ['sleep', duration], { signal: controller.signal });
    await expect.poll(() => findProcesses(`sleep ${duration}`).length, { timeout: 5000 }).toBe(1);
    controller.abort();
    expect(await running).toMatchObject({ ok: false, canceled: true });
    await expect.poll(() => findProcesses(`sleep ${duration}`), { timeout: 8000, interval: 100 }).toEqual([]);
  });

  it('writes files atomically on the remote side, creating folders, owner-only', async () => {
    const transport = createSshTransport(sshd.settings());
    const path = join(sshd.dir, 'work dir', "it's", 'NewMSS.xml');
    const content =
      '<sso>\n  <globalInfo><secretServer>BTS01</secretServer></globalInfo>\n</sso>\n‘ü’ $x `y`\n';
    expect(await transport.writeFile('H', path, content)).toMatchObject({ ok: true, exitCode: 0 });
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await transport.writeFile('H', path, 'replaced')).toMatchObject({ ok: true });
    expect(readFileSync(path, 'utf8')).toBe('replaced');
  });

  it('answers file probes on a POSIX host and says which probes it cannot answer', async () => {
    const transport = createSshTransport(sshd.settings());
    const path = join(sshd.dir, 'backup.bak');
    writeFileSync(path, 'backup bytes');
    const sha256 = 'a4a4b0a10aa5ab6a48a6b0a2d32ae6d8e8a52ad8a7b8f9d5d0e1b0d1ad3a55f0';
    expect(await transport.probe('H', { kind: 'file', path, exists: true })).toMatchObject({
      ok: true,
      observed: expect.stringContaining(`${path} exists on H (12 bytes`),
    });
    expect(await transport.probe('H', { kind: 'file', path, exists: true, sha256 })).toMatchObject({
      ok: false,
      observed: expect.stringMatching(/sha256 [0-9a-f]{12}…/),
    });
    expect(await transport.probe('H', { kind: 'file', path: `${path}.nope`, exists: false })).toMatchObject({
      ok: true,
    });
    // Services are answered on POSIX hosts too (systemd, else init.d); ENTSSO is not installed there.
    expect(await transport.probe('H', { kind: 'service', name: 'ENTSSO', state: 'running' })).toEqual({
      ok: false,
      observed: 'ENTSSO is not installed on H',
    });
    expect(
      await transport.probe('H', {
        kind: 'event',
        ids: [10540],
        source: 'ENTSSO',
        sinceMs: 0,
        present: true,
      }),
    ).toEqual({ ok: false, observed: 'event checks are not available on H, a POSIX host' });
  });

  it('runs many commands at once over the shared connection', async () => {
    const transport = createSshTransport(sshd.settings());
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => transport.exec('H', ['sh', '-c', `echo ${i}`])),
    );
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it('refuses a host whose key does not match known_hosts (host-key checking is on)', async () => {
    const other = join(sshd.dir, 'other_known_hosts');
    writeFileSync(
      other,
      `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0b2xvbG9sb2xvbG9sb2xvbG9sb2xvbG9sb2xvbG9s\n`,
    );
    const settings = { ...sshd.settings(), knownHosts: other, controlDir: false as const };
    const result = await execOverSsh(settings, ['true'], {});
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(255);
    expect(result.error).toMatch(/ssh to .*127\.0\.0\.1.* failed: .*Host key verification failed/);
  });

  it('reads a known_hosts file and a key whose paths hold spaces (and the key a percent sign)', async () => {
    const folder = join(sshd.dir, 'John Smith');
    mkdirSync(folder, { recursive: true });
    const knownHosts = join(folder, 'known hosts');
    // ssh expands %-tokens in an identity path (%d: the home folder).
    const identity = join(folder, 'client key %d');
    copyFileSync(sshd.knownHosts, knownHosts);
    copyFileSync(sshd.identity, identity);
    chmodSync(identity, 0o600);
    const settings = { ...sshd.settings(), knownHosts, identity, controlDir: false as const };
    const result = await execOverSsh(settings, ['sh', '-c', 'echo reached'], {});
    expect(result).toMatchObject({ stderr: '' });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('reached\n');
  });

  it('says what to do when the ssh client of Windows Server 2019 (OpenSSH 7.7) cannot start a -J jump', async () => {
    const program = join(sshd.dir, 'ssh-7.7-stand-in');
    writeFileSync(
      program,
      "#!/bin/sh\nprintf 'CreateProcessW failed error:2\\r\\nposix_spawn: No such file or directory\\r\\n' >&2\nexit 255\n",
    );
    chmodSync(program, 0o755);
    const settings = {
      address: 'bts02',
      jump: 'ops@jump01',
      shell: 'powershell' as const,
      program,
      controlDir: false as const,
    };
    const result = await execOverSsh(settings, ['hostname'], {});
    expect(result.error).toBe(
      'ssh to bts02 through ops@jump01 failed: this ssh client cannot start the jump connection (CreateProcessW failed), a bug of the OpenSSH 7.7 built into Windows Server 2019 fixed in 8.1. Install a newer OpenSSH client, or drop jump: and add to ~/.ssh/config for this host: ProxyCommand C:\\Windows\\System32\\OpenSSH\\ssh.exe -W %h:%p ops@jump01',
    );
  });

  it('reports a closed port as a failed connection, in ssh words', async () => {
    const settings = { ...sshd.settings(), port: 1, controlDir: false as const };
    const result = await execOverSsh(settings, ['true'], {});
    expect(result).toMatchObject({ ok: false, exitCode: 255 });
    expect(result.error).toMatch(/Connection refused/);
  });
});
