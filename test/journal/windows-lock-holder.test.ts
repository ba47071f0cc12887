import { describe, expect, it } from 'vitest';
import { isWindowsLockHolderGone, type WindowsProcessClock } from '../../src/journal/windows-lock-holder.js';

const since = '2026-11-30T09:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

function clock(bootedAt: string, processStartedAt?: string): WindowsProcessClock & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    bootedAtMs: () => at(bootedAt),
    processStartedAtMs: (pid) => {
      asked.push(pid);
      return processStartedAt ? at(processStartedAt) : undefined;
    },
  };
}

describe('isWindowsLockHolderGone (the Windows stale-lock check, run here with a stand-in clock)', () => {
  it('finds a lock taken before the computer last started stale, without asking about the pid', () => {
    const os = clock('2026-11-30T10:00:00.000Z', '2026-11-30T10:01:00.000Z');
    expect(isWindowsLockHolderGone({ pid: 4242, since }, os)).toBe(true);
    expect(os.asked).toEqual([]);
  });

  it('finds it stale when the pid now belongs to a process started after the lock was taken', () => {
    const os = clock('2026-11-30T08:00:00.000Z', '2026-11-30T09:30:00.000Z');
    expect(isWindowsLockHolderGone({ pid: 4242, since }, os)).toBe(true);
    expect(os.asked).toEqual([4242]);
  });

  it('keeps it when the process using the pid started before the lock was taken (the holder itself)', () => {
    const os = clock('2026-11-30T08:00:00.000Z', '2026-11-30T08:59:59.500Z');
    expect(isWindowsLockHolderGone({ pid: 4242, since }, os)).toBe(false);
  });

  it('keeps it when the OS cannot say when the process started', () => {
    expect(isWindowsLockHolderGone({ pid: 4242, since }, clock('2026-11-30T08:00:00.000Z'))).toBe(false);
  });
});
