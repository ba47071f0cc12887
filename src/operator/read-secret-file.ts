import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeText } from '../runbook/decode-text.js';

/** A password, not a document: anything larger is the wrong file. */
export const SECRET_FILE_MAX_BYTES = 64 * 1024;
/** A file on a share that does not answer must not hold the run (and its lock) forever. */
export const SECRET_FILE_TIMEOUT_MS = 5000;

/**
 * Read a secret from a file: a regular file only (a FIFO would block, /dev/zero would never end), at
 * most SECRET_FILE_MAX_BYTES, within SECRET_FILE_TIMEOUT_MS, decoded like every text file (BOM, UTF-16,
 * CRLF), one final line end removed, then checked by verifySecretText. Throws an Error saying why.
 */
export async function readSecretFile(
  path: string,
  limits = { maxBytes: SECRET_FILE_MAX_BYTES, timeoutMs: SECRET_FILE_TIMEOUT_MS },
): Promise<string> {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('it is not a regular file (a pipe, a device or a folder)');
    if (stat.size > limits.maxBytes)
      throw new Error(`it holds ${stat.size} bytes, more than a password's ${limits.maxBytes}`);
    const buffer = Buffer.alloc(limits.maxBytes + 1);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`it could not be read within ${limits.timeoutMs / 1000} s`)),
        limits.timeoutMs,
      );
    });
    const { bytesRead } = await Promise.race([handle.read(buffer, 0, buffer.length, 0), timedOut]).finally(
      () => clearTimeout(timer),
    );
    if (bytesRead > limits.maxBytes)
      throw new Error(`it holds more than a password's ${limits.maxBytes} bytes`);
    const text = decodeText(buffer.subarray(0, bytesRead)).text.replace(/\n$/, '');
    verifySecretText(text);
    return text;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * A secret that reached us garbled must not be passed on: a backup taken under a garbled password is a
 * backup nobody can restore. NUL and U+FFFD mean a wrong encoding; a BOM means one saved twice over.
 */
export function verifySecretText(text: string): void {
  if (text.includes('\0')) throw new Error('it contains a NUL character (saved as UTF-16 without a BOM?)');
  if (text.includes('\uFFFD'))
    throw new Error('it contains U+FFFD, the mark of text decoded with the wrong encoding');
  if (text.startsWith('\uFEFF')) throw new Error('it starts with a byte order mark (saved with two BOMs?)');
}
