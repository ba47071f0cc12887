import { join } from 'node:path';
import { JOURNAL_FILE, type JournalRead, type JournalRecord, readJournal } from './journal.js';
import { readSeal } from './journal-seal.js';
import { verifyJournal } from './verify-journal.js';

export type JournalCheck =
  | ({ ok: true } & JournalRead)
  | { ok: false; records: JournalRecord[]; line: number; problem: string };

/**
 * Everything that must hold before a journal is trusted or appended to: every line a record, the hash
 * chain unbroken, and no fewer records than its seal says were written (a cut-off end).
 */
export function checkJournal(runDir: string): JournalCheck {
  const read = readJournal(join(runDir, JOURNAL_FILE));
  const { records } = read;
  if (read.corruptLine)
    return {
      ok: false,
      records,
      line: read.corruptLine,
      problem: 'not a journal record (edited or damaged)',
    };
  const chain = verifyJournal(records);
  if (!chain.ok)
    return { ok: false, records, line: chain.line, problem: `record ${chain.seq}: ${chain.problem}` };
  const seal = readSeal(runDir);
  const end = records.length + 1;
  if (seal === 'unreadable')
    return { ok: false, records, line: end, problem: 'its seal (journal.seal) is damaged' };
  // A run that died between its first record and its first seal has no seal yet; any longer one has.
  if (seal === undefined && records.length > 1)
    return {
      ok: false,
      records,
      line: end,
      problem: 'its seal (journal.seal) is missing, so a cut-off end cannot be ruled out',
    };
  if (seal && seal.records > records.length)
    return {
      ok: false,
      records,
      line: end,
      problem: `the journal ends after record ${records.length - 1} but its seal says ${seal.records} records were written: records were cut from its end`,
    };
  if (seal && records[seal.records - 1]?.hash !== seal.hash)
    return {
      ok: false,
      records,
      line: seal.records,
      problem: `record ${seal.records - 1} is not the record its seal names: the journal was rewritten`,
    };
  return { ok: true, ...read };
}
