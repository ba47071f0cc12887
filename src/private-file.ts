import { closeSync, constants, fchmodSync, lstatSync, openSync, writeSync } from 'node:fs';
import { OperatorError } from './errors.js';

/** Not following a symbolic link at the last path component; 0 where the platform has no such flag (Windows). */
export const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;

/**
 * Open a file of the state or lab folder for writing without following a planted symbolic link (which
 * could point at any file the operator can write), created owner-only (0600) whatever the umask.
 */
export function openPrivateFile(file: string, flags: number): number {
  try {
    const fd = openSync(file, flags | constants.O_WRONLY | constants.O_CREAT | O_NOFOLLOW, 0o600);
    restrictToOwner(fd);
    return fd;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new OperatorError(
        `${file} is a symbolic link; sso-failover does not write through links in its folders (the link could point anywhere). Remove the link, check where it pointed, and run again.`,
      );
    throw error;
  }
}

/**
 * Refuse a folder of the state or lab folder that is a symbolic link (a planted `runs/<id>` pointing
 * elsewhere would carry the journal and reports there); O_NOFOLLOW guards only a path's last component.
 */
export function verifyNotLinkedFolder(folder: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(folder).isSymbolicLink();
  } catch {
    return; // not there yet: it is created as a real folder
  }
  if (isLink)
    throw new OperatorError(
      `${folder} is a symbolic link; sso-failover does not write through links in its folders (the link could point anywhere). Remove the link, check where it pointed, and run again.`,
    );
}

/** Replace a file's content: owner-only, never through a symbolic link. */
export function writePrivateFile(file: string, text: string): void {
  const fd = openPrivateFile(file, constants.O_TRUNC);
  try {
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
}

function restrictToOwner(fd: number): void {
  try {
    fchmodSync(fd, 0o600);
  } catch {
    // Windows has no POSIX modes: the profile folder's ACL keeps the files private there.
  }
}
