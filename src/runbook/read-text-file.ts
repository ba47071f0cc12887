import { readFileSync } from 'node:fs';
import { decodeText } from './decode-text.js';

/**
 * Read a runbook, environment or answers file, whichever way a Windows tool saved it (see decodeText).
 * Throws an Error whose message says what is wrong with the file and what to do; callers add which file.
 */
export function readTextFile(file: string): string {
  const bytes = readFileSync(file);
  return decodeText(bytes).text;
}
