import xterm from '@xterm/headless';

export type ScreenLine = { text: string; rows: number };

/**
 * What a terminal of this size shows after `raw` (scrollback included), as logical lines: rows the
 * terminal wrapped itself are joined, and each line says how many rows it took. A line broken by the
 * program (a real line break) stays two lines, which is how a pre-wrapped line is told from a wrapped one.
 */
export async function renderScreen(raw: string, cols: number, rows = 40): Promise<ScreenLine[]> {
  const terminal = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(raw.replace(/(?<!\r)\n/g, '\r\n'), resolve));
  const buffer = terminal.buffer.active;
  const lines: ScreenLine[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const row = buffer.getLine(i);
    if (!row) continue;
    const text = row.translateToString(true);
    const last = lines.at(-1);
    if (row.isWrapped && last) {
      last.text += text;
      last.rows += 1;
    } else lines.push({ text, rows: 1 });
  }
  terminal.dispose();
  while (lines.length && lines.at(-1)!.text.trim() === '') lines.pop();
  return lines;
}
