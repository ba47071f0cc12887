import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EngineEvent } from '../engine/events.js';

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
  'failure-decided',
  'step-failed',
  'step-skipped',
  'steps-marked-done',
  'step-finished',
  'run-finished',
]);

export type Journal = { readonly file: string; append(event: EngineEvent): void; close(): void };

/**
 * An append-only, fsync'd NDJSON journal. Each record carries the hash of the previous one,
 * so an edited, removed or reordered record is detectable. Appends to an existing journal continue its chain.
 */
export function openJournal(runDir: string): Journal {
  const file = join(runDir, JOURNAL_FILE);
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const { records: existing, tornTail, corruptLine } = readJournal(file);
  if (corruptLine)
    throw new Error(
      `${file} is damaged at line ${corruptLine}; run \`sso-failover journal verify\` and keep the file for the record`,
    );
  // A crash mid-append leaves a partial last line: cut it off so the chain continues from a whole record.
  if (tornTail) truncateToLastRecord(file);
  let seq = existing.length;
  let prev = existing.at(-1)?.hash ?? GENESIS_HASH;
  const fd = openSync(file, 'a', 0o600);
  if (existing.length === 0) fsyncDirectory(dirname(file));
  return {
    file,
    append(event) {
      const hash = hashRecord(seq, prev, event);
      writeSync(fd, `${JSON.stringify({ seq, prev, hash, event } satisfies JournalRecord)}\n`);
      if (MUST_SYNC.has(event.type)) fsyncSync(fd);
      seq += 1;
      prev = hash;
    },
    close: () => closeSync(fd),
  };
}

/**
 * Read every whole record. A torn last line (a crash mid-write) is reported, never fatal; a bad line
 * elsewhere stops the read and is reported as `corruptLine` (1-based) for `journal verify` to name.
 */
export function readJournal(file: string): {
  records: JournalRecord[];
  tornTail: boolean;
  corruptLine?: number;
} {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { records: [], tornTail: false };
  }
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const records: JournalRecord[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      if (index === lines.length - 1 && last === '') return { records, tornTail: true };
      return { records, tornTail: false, corruptLine: index + 1 };
    }
  }
  return { records, tornTail: last.length > 0 };
}

function truncateToLastRecord(file: string): void {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let keep = 0;
  for (const line of lines) {
    try {
      JSON.parse(line);
      keep += Buffer.byteLength(line) + 1;
    } catch {
      break;
    }
  }
  truncateSync(file, keep);
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
