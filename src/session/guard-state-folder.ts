import { OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EDQUOT']);

/**
 * Run `open` (taking the lock, opening the journal) and turn "this folder cannot be written" into a
 * one-line message saying which path and what to do, instead of an internal error with a stack.
 */
export async function guardStateFolder<T>(open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    if (!code || !UNWRITABLE.has(code)) throw error;
    throw new OperatorError(
      `cannot write ${path ?? 'the state folder'} (${code}); nothing was run. Fix its permissions or free space, or choose a writable folder with --state-dir.`,
      ExitCode.failed,
    );
  }
}
