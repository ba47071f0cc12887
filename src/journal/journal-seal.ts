import { closeSync, constants, fsyncSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { openPrivateFile } from '../private-file.js';
import { join } from 'node:path';

/**
 * The seal: how many records a run's journal had, and the hash of the last one, kept next to the
 * journal and rewritten after every durable append. Records cut from the end of the journal (a
 * finished run made to look resumable) leave the journal shorter than its seal, which `journal verify`
 * and resume report. It detects accidents and naive edits, not an author who rewrites both files.
 */
export type JournalSeal = { records: number; hash: string };

export const SEAL_FILE = 'journal.seal';

export function sealFileFor(runDir: string): string {
  return join(runDir, SEAL_FILE);
}

/** Write the seal atomically: a temporary file, fsync'd, renamed over the old seal. Throws on failure. */
export function writeSeal(runDir: string, seal: JournalSeal): void {
  const file = sealFileFor(runDir);
  const temporary = `${file}.tmp`;
  const fd = openPrivateFile(temporary, constants.O_TRUNC);
  try {
    const text = JSON.stringify(seal);
    if (writeSync(fd, text) !== Buffer.byteLength(text)) throw new Error('short write');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** The seal, or undefined when there is none; 'unreadable' when it is not a seal. */
export function readSeal(runDir: string): JournalSeal | 'unreadable' | undefined {
  let text: string;
  try {
    text = readFileSync(sealFileFor(runDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const seal = JSON.parse(text) as Partial<JournalSeal>;
    if (typeof seal.records === 'number' && typeof seal.hash === 'string')
      return { records: seal.records, hash: seal.hash };
  } catch {
    // fall through
  }
  return 'unreadable';
}
