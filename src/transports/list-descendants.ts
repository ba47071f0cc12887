import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A process seen in a walk: its start time tells it apart from a later process given the same pid. */
export type SeenProcess = { pid: number; group: number; startedAt: string };

type ProcessRow = SeenProcess & { ppid: number };

/**
 * Every descendant of `root` (children, their children, …), found by walking parent pids. A process that
 * called setsid has left our process group, so a group signal misses it; it is still a descendant here
 * as long as the process it was started by is alive.
 */
export function listDescendants(root: number): SeenProcess[] {
  const rows = readProcessTable();
  const children = new Map<number, ProcessRow[]>();
  for (const row of rows) {
    const list = children.get(row.ppid) ?? [];
    list.push(row);
    children.set(row.ppid, list);
  }
  const found: SeenProcess[] = [];
  const queue = [root];
  const visited = new Set<number>([root]);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (visited.has(child.pid)) continue;
      visited.add(child.pid);
      found.push({ pid: child.pid, group: child.group, startedAt: child.startedAt });
      queue.push(child.pid);
    }
  }
  return found;
}

/**
 * Linux: the processes whose environment holds `marker` (NAME=value), which every process started under
 * a command inherits. This finds what the parent-pid walk cannot: a descendant whose parent already
 * exited, re-parented to init (a daemonising double fork). Only this user's processes can be read.
 */
export function listMarkedProcesses(marker: string): SeenProcess[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`\0${marker}\0`);
  const found: SeenProcess[] = [];
  for (const row of readProcFs()) {
    try {
      const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${row.pid}/environ`)]);
      if (environ.includes(needle)) found.push({ pid: row.pid, group: row.group, startedAt: row.startedAt });
    } catch {
      // another user's process, or gone
    }
  }
  return found;
}

/** Whether the process seen earlier is still the one running under that pid. */
export function isSameProcess(seen: SeenProcess): boolean {
  const now = readProcessTable().find((row) => row.pid === seen.pid);
  return now !== undefined && now.startedAt === seen.startedAt;
}

function readProcessTable(): ProcessRow[] {
  return process.platform === 'linux' ? readProcFs() : readPs();
}

/** Linux: /proc/<pid>/stat, no process spawned. Field 4 is the parent pid, 5 the process group, 22 the start time. */
function readProcFs(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: read after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        group: Number(fields[2]),
        startedAt: fields[19] ?? '',
      });
    } catch {
      // the process ended while we looked
    }
  }
  return rows;
}

/** Other POSIX systems (macOS, BSD): ps gives every process with its parent and start time. */
function readPs(): ProcessRow[] {
  const columns = ['-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'lstart='];
  const listed = spawnSync('ps', ['-A', ...columns], { encoding: 'utf8' });
  if (listed.status !== 0) return [];
  return listed.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 3)
    .map((fields) => ({
      pid: Number(fields[0]),
      ppid: Number(fields[1]),
      group: Number(fields[2]),
      startedAt: fields.slice(3).join(' '),
    }));
}
