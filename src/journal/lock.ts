import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { isWindowsLockHolderGone } from './windows-lock-holder.js';

/** Who holds an environment's lock: enough to tell a second operator whom to call. */
export type LockHolder = {
  user: string;
  host: string;
  pid: number;
  procStart?: string;
  runId: string;
  since: string;
  /** the state folder of the holding run: where its journal can be read (watched) from */
  stateDir?: string;
};

export type LockAttempt =
  | { acquired: true; release: () => void }
  | { acquired: false; holder?: LockHolder; stale: boolean; content: string };

/** The lock file of an environment under `base`: a state folder, a lab folder, or a share every operator reaches. */
export function lockFileFor(base: string, environment: string): string {
  return join(base, 'locks', `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

/**
 * One failover per environment: the lock file is created atomically (O_EXCL), so of two runs
 * started at the same instant exactly one gets it.
 */
export function acquireLock(file: string, runId: string, stateDir?: string): LockAttempt {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const holder: LockHolder = {
    user: userInfo().username,
    host: hostname(),
    pid: process.pid,
    procStart: readProcStart(process.pid),
    runId,
    since: new Date().toISOString(),
    ...(stateDir ? { stateDir } : {}),
  };
  // Written whole to a private file first, then linked into place: link() fails with EEXIST when the lock
  // exists, and a lock that exists is never empty or half-written (an O_EXCL create followed by a write
  // let a second run read an empty lock in between and judge it stale).
  const pending = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  const fd = openSync(pending, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(pending, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return inspect(file);
    // A file system without hard links (some shares): create it exclusively and write it, as before.
    if (!createExclusively(file, JSON.stringify(holder))) return inspect(file);
  } finally {
    unlinkSync(pending);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      // Only remove our own lock: a takeover may have replaced it.
      if (readFileSync(file, 'utf8') === JSON.stringify(holder)) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { acquired: true, release };
}

/** O_EXCL create and write; false when the file already exists. */
function createExclusively(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function inspect(file: string): LockAttempt {
  let content = '';
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return { acquired: false, stale: true, content };
  }
  try {
    const holder = JSON.parse(content) as LockHolder;
    return { acquired: false, holder, stale: !isLockHolderAlive(holder), content };
  } catch {
    // The writer died between create and write: treat as stale.
    return { acquired: false, stale: true, content };
  }
}

/**
 * Remove a stale lock, but only if it still holds what was judged stale, under a guard file so
 * two operators breaking the same stale lock cannot delete each other's fresh lock.
 */
export function breakStaleLock(file: string, staleContent: string): boolean {
  const guard = `${file}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch {
    return false;
  }
  try {
    const now = readFileSync(file, 'utf8');
    if (now !== staleContent) return false;
    unlinkSync(file);
    return true;
  } catch {
    return false;
  } finally {
    closeSync(fd);
    unlinkSync(guard);
  }
}

/** Whether the process of a lock (or lease) holder may still run: only a holder on this computer can be judged gone. */
export function isLockHolderAlive(holder: Pick<LockHolder, 'host' | 'pid' | 'procStart' | 'since'>): boolean {
  if (holder.host !== hostname()) return true; // another machine: cannot tell, assume alive
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (process.platform === 'win32') return !isWindowsLockHolderGone(holder);
  // A killed process nobody has reaped yet (a zombie) still answers kill(pid, 0): it is gone all the same.
  if (readProcState(holder.pid) === 'Z') return false;
  // The pid may have been reused by another process: compare start times.
  const start = readProcStart(holder.pid);
  return !(holder.procStart && start && start !== holder.procStart);
}

/** A field of /proc/<pid>/stat counted from the one after the command name (0: state R/S/D/Z, 19: start time). */
function readProcStat(pid: number, field: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[field];
  } catch {
    return undefined;
  }
}

/** Field 3 of /proc/<pid>/stat: R, S, D, Z (zombie), … */
const readProcState = (pid: number) => readProcStat(pid, 0);

/** Field 22 of /proc/<pid>/stat: the process start time, to tell a reused pid apart. */
export const readProcStart = (pid: number) => readProcStat(pid, 19);
