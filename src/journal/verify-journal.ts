import { GENESIS_HASH, hashRecord, type JournalRecord } from './journal.js';

export type JournalVerdict =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; line: number; problem: string };

/**
 * Walk the hash chain. Any edited, removed, inserted or reordered record breaks it;
 * the verdict names the first line where the chain no longer holds.
 */
export function verifyJournal(records: readonly JournalRecord[]): JournalVerdict {
  let prev = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const line = index + 1;
    const fail = (problem: string): JournalVerdict => ({
      ok: false,
      records: records.length,
      seq: record.seq,
      line,
      problem,
    });
    if (record.seq !== index)
      return fail(
        `record ${record.seq} stands where record ${index} should: a record was removed, inserted or moved`,
      );
    if (record.prev !== prev)
      return fail('it does not follow the record before it: a record was removed, inserted or moved');
    if (hashRecord(record.seq, record.prev, record.event) !== record.hash)
      return fail('its content does not match its hash: the record was edited');
    prev = record.hash;
  }
  return { ok: true, records: records.length };
}
