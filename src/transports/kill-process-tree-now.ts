import { spawnSync } from 'node:child_process';
import { listDescendants, listMarkedProcesses } from './list-descendants.js';
import type { ProcessPlatform } from './process-platform.js';
import type { StopTarget } from './stop-process-tree.js';

/**
 * The commands running now, so that a second Ctrl+C — which leaves at once, without waiting for any
 * graceful stop — still takes every process tree it started down with it.
 */
const running = new Map<number, { target: StopTarget; platform: ProcessPlatform }>();

export function trackRunning(target: StopTarget, platform: ProcessPlatform): () => void {
  running.set(target.pid, { target, platform });
  return () => running.delete(target.pid);
}

/** Kill every running command's tree at once, synchronously (SIGKILL, or taskkill /T /F). Returns how many. */
export function killRunningTreesNow(): number {
  const count = running.size;
  for (const { target, platform } of running.values()) {
    if (platform.os === 'windows') {
      spawnSync(platform.taskkill, ['/PID', String(target.pid), '/T', '/F'], {
        stdio: 'ignore',
        timeout: 10_000,
        windowsHide: true,
      });
      continue;
    }
    const descendants = target.groupOnly
      ? []
      : [...listDescendants(target.pid), ...(target.marker ? listMarkedProcesses(target.marker) : [])];
    kill(target.interactive ? target.pid : -target.pid);
    for (const descendant of descendants) kill(descendant.pid);
  }
  running.clear();
  return count;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
