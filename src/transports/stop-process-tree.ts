import { isSameProcess, listDescendants, listMarkedProcesses, type SeenProcess } from './list-descendants.js';
import type { ProcessPlatform } from './process-platform.js';

/** Grace between SIGTERM and SIGKILL for a command being stopped (POSIX). */
export const KILL_GRACE_MS = 2000;
/** taskkill itself must not hang a stop. */
const TASKKILL_TIMEOUT_MS = 10_000;

export type StopTarget = {
  pid: number;
  /** program name, for the "check with Get-Process" advice */
  file: string;
  /** the child shares our terminal and process group (POSIX): signal it, not the group */
  interactive: boolean;
  /** POSIX: leave descendants outside the group alone (ssh's shared-connection master) */
  groupOnly: boolean;
  /** NAME=value put in the command's environment: marks its descendants even once re-parented */
  marker?: string;
  /** stops the direct child alone, when nothing better worked */
  killChild: () => void;
};

/**
 * Stops a command and every process it started, the way the platform allows. Resolves with a line for
 * the result's stderr (and so the journal) saying what was done, when there is something to say.
 */
export function stopProcessTree(target: StopTarget, platform: ProcessPlatform): Promise<string | undefined> {
  return platform.os === 'windows' ? stopWindowsTree(target, platform) : stopPosixTree(target);
}

/**
 * Windows has no process groups: `taskkill /PID n /T /F` ends the process and the tree below it (what
 * tree-kill runs there). If taskkill fails the child alone is terminated, and the note says its children
 * may still run.
 */
async function stopWindowsTree(target: StopTarget, platform: ProcessPlatform): Promise<string | undefined> {
  const args = ['/PID', String(target.pid), '/T', '/F'];
  const shown = `taskkill ${args.join(' ')}`;
  const { execa } = await import('execa');
  const result = await execa(platform.taskkill, args, {
    reject: false,
    stdin: 'ignore',
    timeout: TASKKILL_TIMEOUT_MS,
    windowsHide: true,
  });
  if (result.exitCode === 0) return `Stopped the command and its child processes (${shown}).`;
  target.killChild();
  const said = String(result.stderr || result.stdout || result.shortMessage)
    .trim()
    .split(/\r?\n/)
    .at(-1);
  const name = target.file
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.exe$/i, '');
  return `Could not stop the command's process tree (${shown}: ${said}); the command itself was ended, but programs it started may still be running: check with Get-Process ${name} and tasklist.`;
}

/**
 * POSIX: the child leads its own process group, so one signal reaches the whole group. Descendants that
 * left the group (setsid, a daemonising tool) are found by a process-tree walk before anything is
 * signalled — once their parent dies they are re-parented and can no longer be found — and signalled
 * one by one. SIGKILL follows SIGTERM after a grace period.
 */
async function stopPosixTree(target: StopTarget): Promise<string | undefined> {
  const seen = target.groupOnly ? [] : findDescendants(target);
  const first: NodeJS.Signals = target.interactive ? 'SIGINT' : 'SIGTERM';
  signalGroup(target, first);
  for (const descendant of seen) signalPid(descendant.pid, first);
  // Not cleared when the command ends: a descendant may ignore SIGTERM after its parent obeyed it.
  setTimeout(() => {
    signalGroup(target, 'SIGKILL');
    for (const descendant of target.groupOnly ? [] : [...seen, ...findDescendants(target)])
      if (isSameProcess(descendant)) signalPid(descendant.pid, 'SIGKILL');
  }, KILL_GRACE_MS);
  // An interactive child shares our own group: "outside its group" means nothing there.
  return target.interactive ? undefined : noteEscaped(seen, target.pid);
}

/** Descendants by parent pid, and by the marker in their environment (those whose parent is gone). */
function findDescendants(target: StopTarget): SeenProcess[] {
  const byParent = listDescendants(target.pid);
  const known = new Set(byParent.map((process) => process.pid));
  const marked = target.marker ? listMarkedProcesses(target.marker) : [];
  return [...byParent, ...marked.filter((process) => process.pid !== target.pid && !known.has(process.pid))];
}

/** The processes that had left the command's group are worth a line: a group signal alone would have missed them. */
function noteEscaped(seen: readonly SeenProcess[], group: number): string | undefined {
  const outside = seen.filter((process) => process.group !== group);
  if (outside.length === 0) return undefined;
  return `Also stopped ${outside.length} process(es) the command had started outside its process group (pid ${outside.map((p) => p.pid).join(', ')}).`;
}

function signalGroup(target: StopTarget, signal: NodeJS.Signals): void {
  // An interactive child shares our process group (it owns the terminal); signal it alone.
  signalPid(target.interactive ? target.pid : -target.pid, signal);
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
