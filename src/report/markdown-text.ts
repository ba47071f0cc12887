/** Markdown text that shows exactly as given: no emphasis, links or HTML from journal content. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ⏎ ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that survives fences inside the text. */
export function codeBlock(text: string, info = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A table cell: one line, pipes escaped. */
export function tableCell(text: string): string {
  return escapeMarkdown(text);
}
