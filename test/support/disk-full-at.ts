import { writeSync } from 'node:fs';
import type { JournalOptions } from '../../src/journal/journal.js';

/**
 * The crash harness's full disk, injected as the journal's write seam (`executeRun({ decorate: { journal } })`):
 * the write of the record `<event-type>:<step-id>[:<command-index>]` stops half-way and every later write
 * fails with ENOSPC, as a disk that filled up mid-record does.
 */
export function diskFullAt(target: string): JournalOptions {
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
