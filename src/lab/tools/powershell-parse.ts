/** One cmdlet of a pipeline: its name, named parameters (lower-case keys) and positional values. */
export type PsCommand = { name: string; params: Record<string, string>; positional: string[]; text: string };

/** A pipeline the lab recognises, or where parsing stopped. */
export type PsParse = { ok: true; commands: PsCommand[] } | { ok: false; text: string; message: string };

const TOKEN = /'((?:[^']|'')*)'|"([^"]*)"|([^\s'"]+)/g;

/** Splits on `|` outside quotes. */
function splitPipeline(script: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let current = '';
  for (const ch of script) {
    if (quote) quote = ch === quote ? '' : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '|') {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts;
}

function parseCommand(text: string): PsCommand | { message: string } {
  const tokens = [...text.matchAll(TOKEN)].map((m) =>
    m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? m[3] ?? ''),
  );
  const name = tokens.shift();
  if (!name) return { message: 'An empty pipe element is not allowed.' };
  const params: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // a quoted "-x" would be a value; the tokenizer lost the quotes, so look at the raw text too
    if (/^-[A-Za-z]/.test(token) && text.includes(` ${token}`)) {
      const value = tokens[i + 1];
      if (value === undefined || /^-[A-Za-z]/.test(value))
        return { message: `Missing an argument for parameter '${token.slice(1)}'.` };
      params[token.slice(1).toLowerCase()] = value;
      i += 1;
    } else positional.push(token);
  }
  return { name, params, positional, text };
}

/** Parses `Cmdlet -Param 'value' ... | Cmdlet ...` (no script blocks, variables or subexpressions). */
export function parsePipeline(script: string): PsParse {
  if (/[;$`{}()]|&&|\|\|/.test(script))
    return { ok: false, text: script, message: 'the lab answers single cmdlet pipelines only' };
  const commands: PsCommand[] = [];
  for (const part of splitPipeline(script)) {
    const parsed = parseCommand(part);
    if ('message' in parsed) return { ok: false, text: part, message: parsed.message };
    commands.push(parsed);
  }
  return { ok: true, commands };
}

/** A comma list (`Name,State` or `Name, State`) as separate names. */
export function listValue(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
