import { writePrivateFile } from '../private-file.js';

/** A generated document to --out (mode 0600: reports hold host names and outputs) or to stdout. */
export function writeDocument(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writePrivateFile(out, text);
  process.stderr.write(`Wrote ${out}\n`);
}
