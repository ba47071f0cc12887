import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { openPrivateFile, verifyNotLinkedFolder } from '../private-file.js';
import { dirname, join } from 'node:path';
import type { EngineEvent } from '../engine/events.js';
import { JournalDamagedError, JournalWriteError } from './journal-errors.js';
import { openSealWriter } from './journal-seal.js';
import { checkJournal } from './check-journal.js';

/** One line of journal.ndjson: an engine event, its position and the hash chain. */
export type JournalRecord = { seq: number; prev: string; hash: string; event: EngineEvent };

export const JOURNAL_FILE = 'journal.ndjson';
export const GENESIS_HASH = '0'.repeat(64);

export function hashRecord(seq: number, prev: string, event: EngineEvent): string {
  return createHash('sha256')
    .update(`${seq}\n${prev}\n${JSON.stringify(event)}`)
    .digest('hex');
}

/**
 * Records that must be on disk before the run goes on: a side effect's intent and result, decisions, and
 * the run's start and end. An fsync also makes every record written before it durable (appends are in
 * order), so the rest — check results, prompts, step starts — ride along with the next one. After a crash
 * only such informational records after the last synced one can be missing, and resume re-derives them.
 */
const MUST_SYNC: ReadonlySet<EngineEvent['type']> = new Set([
  'run-started',
  'run-resumed',
  'action-started',
  'action-finished',
  'confirmation-given',
  'confirmation-declined',
  'approval-requested',
  'approval-decided',
  'run-handed-over',
  'failure-decided',
  'step-failed',
  'step-skipped',
  'steps-marked-done',
  'step-finished',
  'run-finished',
]);

export type Journal = { readonly file: string; append(event: EngineEvent): void; close(): void };

/** How bytes reach the file: `fs.writeSync` in a run; tests inject a writer that fails like a full disk. */
export type JournalWriter = (fd: number, buffer: Buffer, offset: number, length: number) => number;

export type JournalOptions = { write?: JournalWriter };

/**
 * An append-only, fsync'd NDJSON journal. Each record carries the hash of the previous one,
 * so an edited, removed or reordered record is detectable. Appends to an existing journal continue its
 * chain, and only to a journal whose chain and seal check out. An append that does not fully reach the
 * disk (a short write, ENOSPC, EFBIG, a failed fsync) is cut back off and throws, so the run stops
 * before the side effect that record announces.
 */
export function openJournal(runDir: string, options: JournalOptions = {}): Journal {
  const file = join(runDir, JOURNAL_FILE);
  verifyNotLinkedFolder(dirname(runDir));
  verifyNotLinkedFolder(runDir);
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const check = checkJournal(runDir);
  if (!check.ok) throw new JournalDamagedError(file, check.line, check.problem);
  const { records: existing, tornTail, missingNewline, wholeBytes } = check;
  const write = options.write ?? writeSync;
  const fd = openPrivateFile(file, constants.O_APPEND);
  let size = wholeBytes;
  let broken: string | undefined;
  // A crash mid-append leaves a partial last line: cut it off so the chain continues from a whole record.
  if (tornTail) ftruncateSync(fd, size);
  if (existing.length === 0) fsyncDirectory(runDir);
  const seal = openSealWriter(runDir);
  let seq = existing.length;
  let prev = existing.at(-1)?.hash ?? GENESIS_HASH;
  const writeAll = (bytes: Buffer) => {
    try {
      for (let done = 0; done < bytes.length; ) {
        const n = write(fd, bytes, done, bytes.length - done);
        if (n <= 0) throw new Error('the disk took no more bytes');
        done += n;
      }
    } catch (error) {
      // Leave the journal ending at its last whole record, as if this append never happened.
      try {
        ftruncateSync(fd, size);
        fsyncSync(fd);
      } catch {
        // the cut-off line is a torn tail: the next open cuts it
      }
      throw error;
    }
    size += bytes.length;
  };
  // A whole last record that lost its newline: finish the line, or the next record would be glued on.
  if (missingNewline) {
    writeAll(Buffer.from('\n'));
    fsyncSync(fd);
  }
  return {
    file,
    append(event) {
      if (broken) throw new JournalWriteError(file, event.type, broken);
      const hash = hashRecord(seq, prev, event);
      const line = `${JSON.stringify({ seq, prev, hash, event } satisfies JournalRecord)}\n`;
      try {
        writeAll(Buffer.from(line));
        if (MUST_SYNC.has(event.type)) {
          fsyncSync(fd);
          seal.write({ records: seq + 1, hash });
        }
      } catch (error) {
        broken = describeWriteError(error);
        throw new JournalWriteError(file, event.type, broken);
      }
      seq += 1;
      prev = hash;
    },
    close: () => {
      try {
        seal.close();
      } finally {
        closeSync(fd);
      }
    },
  };
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EFBIG') return 'the file size limit was reached';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the state folder is not writable';
  return (error as Error).message;
}

export type JournalRead = {
  records: JournalRecord[];
  /** a partial last line (a crash mid-write), not counted as a record */
  tornTail: boolean;
  tornText?: string;
  /** the last record is whole but has no newline after it */
  missingNewline: boolean;
  /** bytes up to the end of the last whole line: where a torn tail is cut */
  wholeBytes: number;
  /** 1-based line that is not a record (not at the end) */
  corruptLine?: number;
};

/**
 * Read every whole record. A torn last line (a crash mid-write) is reported, never fatal; a bad line
 * elsewhere stops the read and is reported as `corruptLine` (1-based) for `journal verify` to name.
 */
export function readJournal(file: string): JournalRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { records: [], tornTail: false, missingNewline: false, wholeBytes: 0 };
  }
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const wholeBytes = Buffer.byteLength(text) - Buffer.byteLength(last);
  const records: JournalRecord[] = [];
  for (const [index, line] of lines.entries()) {
    const record = parseRecord(line);
    if (!record)
      return { records, tornTail: false, missingNewline: false, wholeBytes, corruptLine: index + 1 };
    records.push(record);
  }
  if (last === '') return { records, tornTail: false, missingNewline: false, wholeBytes };
  const whole = parseRecord(last);
  if (whole) return { records: [...records, whole], tornTail: false, missingNewline: true, wholeBytes };
  return { records, tornTail: true, tornText: last, missingNewline: false, wholeBytes };
}

function parseRecord(line: string): JournalRecord | undefined {
  try {
    const record = JSON.parse(line) as Partial<JournalRecord> | null;
    if (
      record &&
      typeof record.seq === 'number' &&
      typeof record.hash === 'string' &&
      typeof record.prev === 'string' &&
      typeof record.event === 'object' &&
      record.event !== null
    )
      return record as JournalRecord;
  } catch {
    // not JSON
  }
  return undefined;
}

function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Windows cannot open directories; NTFS metadata journaling covers the create.
  }
}
