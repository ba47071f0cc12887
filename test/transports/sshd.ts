import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RemoteShell, SshSettings } from '../../src/transports/ssh-args.js';

const SSHD = '/usr/sbin/sshd';

export type TestSshd = {
  port: number;
  dir: string;
  identity: string;
  knownHosts: string;
  user: string;
  /** settings for the ssh transport, with a private folder for shared connections */
  settings(shell?: RemoteShell): SshSettings;
  stop(): Promise<void>;
};

/**
 * A real OpenSSH server on 127.0.0.1 for one test file: throwaway host and client keys, a free port,
 * a known_hosts file built from the host key (so host-key checking stays on), running as this user.
 */
export async function startSshd(): Promise<TestSshd> {
  if (!existsSync(SSHD))
    throw new Error(`${SSHD} is missing: apt-get install -y openssh-server (.ci/run does this)`);
  const dir = mkdtempSync(join(tmpdir(), 'sso-sshd-'));
  const key = (name: string) => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(dir, name)]);
    return join(dir, name);
  };
  const hostKey = key('host_key');
  const identity = key('client_key');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${identity}.pub`));
  const port = await findFreePort();
  const user = userInfo().username;
  writeFileSync(join(dir, 'sshd_config'), createConfig(dir, hostKey, port, user));
  const knownHosts = join(dir, 'known_hosts');
  const [type, body] = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${type} ${body}\n`);
  // sshd refuses to start as root without its privilege separation folder.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  sshd.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  await waitForPort(port, sshd, () => log);
  const controlDir = join(dir, 'cm');
  mkdirSync(controlDir, { mode: 0o700 });
  return {
    port,
    dir,
    identity,
    knownHosts,
    user,
    settings: (shell = 'posix') => ({
      address: '127.0.0.1',
      port,
      user,
      identity,
      knownHosts,
      shell,
      controlDir,
    }),
    stop: async () => {
      // Shared connections (ours, and the CLI's default folder) would outlive the listener: close them.
      for (const folder of [controlDir, join(tmpdir(), `sso-failover-ssh-${process.getuid?.()}`)]) {
        spawnSync(
          'ssh',
          [
            '-o',
            `ControlPath=${join(folder, '%C')}`,
            '-p',
            String(port),
            '-l',
            user,
            '-O',
            'exit',
            '127.0.0.1',
          ],
          {
            stdio: 'ignore',
            timeout: 5000,
          },
        );
      }
      if (sshd.exitCode === null) {
        const exited = new Promise((resolve) => sshd.once('exit', resolve));
        sshd.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function createConfig(dir: string, hostKey: string, port: number, user: string): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${user}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PidFile none',
    'PrintMotd no',
    'LogLevel ERROR',
    'MaxSessions 30',
    // bash sources ~/.bashrc for commands run by sshd unless it is a nested shell; this machine's .bashrc
    // is slow (pyenv init), and a test server should not depend on it.
    'SetEnv SHLVL=1',
    '',
  ].join('\n');
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForPort(port: number, sshd: ChildProcess, log: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (sshd.exitCode !== null) throw new Error(`sshd exited (${sshd.exitCode}): ${log()}`);
    if (await canConnect(port)) return;
    if (Date.now() - started > 10_000) throw new Error(`sshd did not listen on ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/** Processes on this machine (where the "remote" side runs too) whose whole command line matches. */
export function findProcesses(fullCommandLine: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', `^${fullCommandLine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`]);
    return out.toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
