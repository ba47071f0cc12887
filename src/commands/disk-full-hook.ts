import { writeSync } from 'node:fs';
import type { JournalOptions } from '../journal/journal.js';

/**
 * The crash harness's full disk: SSO_FAILOVER_DISK_FULL_AT=<event-type>:<step-id>[:<command-index>] makes the journal
 * write of that record stop half-way and every later write fail with ENOSPC, as a disk that filled up
 * mid-record does. Unset (every real run), the journal writes with fs.writeSync.
 */
export function diskFullIfAsked(): JournalOptions {
  const target = process.env.SSO_FAILOVER_DISK_FULL_AT;
  if (!target) return {};
  const [type, stepId, commandIndex] = target.split(':');
  const marker = `"event":{"type":"${type}","stepId":"${stepId}"`;
  const isTarget = (buffer: Buffer) =>
    buffer.includes(marker) &&
    (commandIndex === undefined || buffer.includes(`"commandIndex":${commandIndex},`));
  let full = false;
  return {
    write(fd, buffer, offset, length) {
      if (!full && isTarget(buffer)) {
        full = true;
        return writeSync(fd, buffer, offset, Math.floor(length / 2));
      }
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return writeSync(fd, buffer, offset, length);
    },
  };
}
