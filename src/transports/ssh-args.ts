import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RemoteShell = 'powershell' | 'cmd' | 'posix';

/** How one host is reached with the OpenSSH client. */
export type SshSettings = {
  address: string;
  user?: string | undefined;
  port?: number | undefined;
  identity?: string | undefined;
  jump?: string | undefined;
  knownHosts?: string | undefined;
  shell: RemoteShell;
  /** the ssh program (default: ssh from PATH) */
  program?: string;
  /**
   * folder of the shared connections (ControlMaster): one TCP connection and one key exchange per host,
   * not per command. Default: a private folder in the temp dir; false turns sharing off.
   */
  controlDir?: string | false;
};

/** A shared connection outlives the last command by this long, then closes by itself. */
const CONTROL_PERSIST_SEC = 60;

/**
 * The ssh client's arguments: never a prompt (BatchMode), host keys always checked, a bounded connect,
 * dead connections noticed; `--` so an address can never be read as an option.
 */
export function createSshArgs(settings: SshSettings, remoteCommand: string, tty: boolean): string[] {
  return [...createConnectionArgs(settings), tty ? '-tt' : '-T', '--', settings.address, remoteCommand];
}

export function createConnectionArgs(settings: SshSettings): string[] {
  const option = (value: string) => ['-o', value];
  const controlDir = resolveControlDir(settings.controlDir);
  return [
    ...option('BatchMode=yes'),
    ...option('ConnectTimeout=10'),
    ...option('StrictHostKeyChecking=yes'),
    ...option('ServerAliveInterval=15'),
    ...option('ServerAliveCountMax=3'),
    ...(settings.knownHosts ? option(`UserKnownHostsFile=${quoteConfigPath(settings.knownHosts)}`) : []),
    // Given as IdentityFile, not -i: ssh drops an -i path it cannot stat before expanding its %-tokens
    // (%d: the home folder), so a literal % (written %%) would never reach it.
    ...(settings.identity
      ? [
          ...option(`IdentityFile=${quoteConfigPath(settings.identity.replace(/%/g, '%%'))}`),
          ...option('IdentitiesOnly=yes'),
        ]
      : []),
    ...(settings.port ? ['-p', String(settings.port)] : []),
    ...(settings.user ? ['-l', settings.user] : []),
    ...(settings.jump ? ['-J', settings.jump] : []),
    ...(controlDir
      ? [
          ...option('ControlMaster=auto'),
          ...option(`ControlPath=${join(controlDir, '%C')}`),
          ...option(`ControlPersist=${CONTROL_PERSIST_SEC}`),
        ]
      : []),
  ];
}

/**
 * UserKnownHostsFile takes several files separated by spaces, so a path with spaces (C:\Users\John Smith)
 * is double-quoted; inside quotes newer clients read \\ as one backslash, so a Windows path is written
 * with forward slashes, which OpenSSH for Windows accepts.
 */
export function quoteConfigPath(path: string): string {
  if (!/\s/.test(path)) return path;
  const windows = /^([A-Za-z]:)?[\\/]/.test(path) && path.includes('\\');
  return `"${windows ? path.replace(/\\/g, '/') : path}"`;
}

/** `user@address:port`, for messages. */
export function formatSshTarget(settings: SshSettings): string {
  return `${settings.user ? `${settings.user}@` : ''}${settings.address}${settings.port ? `:${settings.port}` : ''}`;
}

let defaultControlDir: string | false | undefined;

function resolveControlDir(setting: string | false | undefined): string | false {
  if (setting !== undefined) return setting;
  defaultControlDir ??= createDefaultControlDir();
  return defaultControlDir;
}

/** Windows' OpenSSH has no ControlMaster; elsewhere the sockets live in a folder only this user can open. */
function createDefaultControlDir(): string | false {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return false;
  const dir = join(tmpdir(), `sso-failover-ssh-${process.getuid()}`);
  try {
    mkdirSync(dir, { mode: 0o700, recursive: true });
    const info = lstatSync(dir);
    // Someone else's folder (or a symlink) could hand our commands to their socket: do without sharing.
    if (!info.isDirectory() || info.uid !== process.getuid() || (info.mode & 0o077) !== 0) return false;
    return dir;
  } catch {
    return false;
  }
}
