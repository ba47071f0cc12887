import type { ChalkInstance } from 'chalk';

/** Columns padded to their widest cell, two spaces apart, the header in bold. */
export function formatTable(header: readonly string[], rows: readonly string[][], c: ChalkInstance): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${c.bold(line(header))}\n${rows.map(line).join('\n')}\n`;
}
