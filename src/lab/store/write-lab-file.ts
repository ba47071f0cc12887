import { advanceLab } from '../advance-lab.js';
import { logCommand } from './command-log.js';
import { inLabTransaction, withLabDb } from './lab-db.js';
import { writeHostFile } from './lab-fs.js';
import type { LabExecResult } from '../lab-types.js';
import { requireServer } from './server-store.js';

/** Writes a file on a lab host (runbook `write` actions). An unreachable host fails like a transport: exit 255. */
export function writeLabFile(
  dir: string,
  host: string,
  path: string,
  content: string | Buffer,
): LabExecResult {
  return withLabDb(dir, (db) => {
    requireServer(db, host);
    return inLabTransaction(db, () => {
      const { now } = advanceLab(db);
      const server = requireServer(db, host);
      const argv = ['(write)', path];
      if (!server.reachable) {
        logCommand(db, { time: now, host: server.name, kind: 'write', argv, exitCode: 255 });
        return {
          exitCode: 255,
          stdout: '',
          stderr: `lab: host ${server.name} is unreachable (${server.unreachableReason ?? 'no route'})\n`,
        };
      }
      writeHostFile(db, server.name, path, content, now);
      logCommand(db, { time: now, host: server.name, kind: 'write', argv, exitCode: 0 });
      return { exitCode: 0, stdout: '', stderr: '' };
    });
  });
}
