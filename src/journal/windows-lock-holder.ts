import { spawnSync } from 'node:child_process';
import { uptime } from 'node:os';

/** What Windows can tell about processes without /proc; a test passes a stand-in. */
export type WindowsProcessClock = {
  /** when this computer last started (epoch ms) */
  bootedAtMs(): number;
  /** when the process now using this pid started (epoch ms), undefined when unknown or none */
  processStartedAtMs(pid: number): number | undefined;
};

/** Asks the OS: the uptime for the boot, PowerShell's Get-Process for a process's start time. */
export const windowsProcessClock: WindowsProcessClock = {
  bootedAtMs: () => Date.now() - uptime() * 1000,
  processStartedAtMs: (pid) => {
    const asked = spawnSync(
      'powershell.exe',
      [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `(Get-Process -Id ${Math.trunc(pid)} -ErrorAction Stop).StartTime.ToUniversalTime().ToString('o')`,
      ],
      { encoding: 'utf8', timeout: 15_000, windowsHide: true },
    );
    const at = Date.parse(asked.stdout?.trim() ?? '');
    return asked.status === 0 && Number.isFinite(at) ? at : undefined;
  },
};

/**
 * Windows has no /proc, and after a reboot the pid in a lock left by a crashed run often belongs to
 * another process, which answers kill(pid, 0). The holder is gone when the lock was taken before the
 * computer last started, or when the process now using the pid started after the lock was taken (the
 * holder itself started before it took the lock). When the OS cannot say, the holder counts as alive.
 */
export function isWindowsLockHolderGone(
  holder: { pid: number; since: string },
  clock: WindowsProcessClock = windowsProcessClock,
): boolean {
  const since = Date.parse(holder.since);
  if (!Number.isFinite(since)) return false;
  if (since < clock.bootedAtMs()) return true;
  const started = clock.processStartedAtMs(holder.pid);
  return started !== undefined && started > since;
}
