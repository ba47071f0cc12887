import { chmodSync, writeFileSync } from 'node:fs';

/** A generated document to --out (mode 0600: reports hold host names and outputs) or to stdout. */
export function writeDocument(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(out, text, { mode: 0o600 });
  chmodSync(out, 0o600);
  process.stderr.write(`Wrote ${out}\n`);
}
