import { closeSync, constants, fsyncSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { openPrivateFile } from '../private-file.js';
import { join } from 'node:path';

/**
 * The seal: how many records a run's journal had, and the hash of the last one, kept next to the
 * journal and rewritten after every durable append (`openSealWriter`). Records cut from the end of the journal (a
 * finished run made to look resumable) leave the journal shorter than its seal, which `journal verify`
 * and resume report. It detects accidents and naive edits, not an author who rewrites both files.
 */
export type JournalSeal = { records: number; hash: string };

export const SEAL_FILE = 'journal.seal';

export function sealFileFor(runDir: string): string {
  return join(runDir, SEAL_FILE);
}

/** A seal is this many bytes (JSON, padded with spaces, then a newline), so a rewrite never changes its size. */
const SEAL_BYTES = 128;

function sealText(seal: JournalSeal): Buffer {
  return Buffer.from(`${JSON.stringify(seal).padEnd(SEAL_BYTES - 1)}\n`);
}

/** Write the seal atomically: a temporary file, fsync'd, renamed over the old seal. Throws on failure. */
export function writeSeal(runDir: string, seal: JournalSeal): void {
  const file = sealFileFor(runDir);
  const temporary = `${file}.tmp`;
  const fd = openPrivateFile(temporary, constants.O_TRUNC);
  try {
    const bytes = sealText(seal);
    if (writeSync(fd, bytes) !== bytes.length) throw new Error('short write');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

export type SealWriter = { write(seal: JournalSeal): void; close(): void };

/**
 * The seal of one open journal. The first write is atomic and durable (`writeSeal`), so a seal is never
 * missing or empty once a journal has one; every later write replaces its 128 bytes in place, without an
 * fsync or a rename (those were two thirds of the cost of a durable record). The journal record a seal
 * names is fsync'd before the seal is written, so after a power loss the seal can lag the journal (the
 * last records' cut-off would go unnoticed) but never name a record the journal lacks; a rewrite of one
 * sector at offset 0 of a file whose size does not change leaves the old seal or the new one. `close`
 * makes the last seal durable.
 */
export function openSealWriter(runDir: string): SealWriter {
  let fd: number | undefined;
  return {
    write(seal) {
      if (fd === undefined) {
        writeSeal(runDir, seal);
        fd = openPrivateFile(sealFileFor(runDir), 0);
        return;
      }
      const bytes = sealText(seal);
      if (writeSync(fd, bytes, 0, bytes.length, 0) !== bytes.length) throw new Error('short write');
    },
    close() {
      if (fd === undefined) return;
      try {
        fsyncSync(fd);
      } catch {
        // The journal itself is durable; a seal that lags it only weakens the cut-off check.
      } finally {
        closeSync(fd);
        fd = undefined;
      }
    },
  };
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
