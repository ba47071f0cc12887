import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runbooksDirUrl } from '../package-info.js';

/** The runbooks folder shipped with the package (found relative to this file, not the working directory). */
export function shippedRunbooksDir(): string {
  return fileURLToPath(runbooksDirUrl());
}

export function listShippedRunbookFiles(): string[] {
  const dir = shippedRunbooksDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}
