/**
 * Decoders written from the languages' rules (not from our encoders), to prove quoted values come back
 * intact: PowerShell single-quoted literals, cmd.exe's `/c` line handling, and the MSVCRT argv rules.
 */

/** PowerShell's tokenizer treats all of these as single quotes. */
const isSingleQuote = (c: string | undefined) => c !== undefined && "'\u2018\u2019\u201A\u201B".includes(c);

/** Reads one single-quoted literal starting at `start`; a quote followed by a quote stands for the second one. */
export function readPowerShellLiteral(text: string, start: number): { value: string; end: number } {
  const chars = Array.from(text.slice(start));
  if (!isSingleQuote(chars[0])) throw new Error(`no literal at ${start}: ${text.slice(start, start + 10)}`);
  let value = '';
  let i = 1;
  for (;;) {
    const c = chars[i];
    if (c === undefined) throw new Error('unterminated literal');
    if (isSingleQuote(c)) {
      if (!isSingleQuote(chars[i + 1])) break;
      i += 1;
    }
    value += chars[i]!;
    i += 1;
  }
  return { value, end: start + chars.slice(0, i + 1).join('').length };
}

/** `& 'a' 'b'` → ['a', 'b']: a call operator, then literals separated by single spaces, nothing else. */
export function parsePowerShellCommand(line: string): string[] {
  if (!line.startsWith('& ')) throw new Error(`not a call: ${line}`);
  const values: string[] = [];
  let position = 2;
  for (;;) {
    const { value, end } = readPowerShellLiteral(line, position);
    values.push(value);
    if (end === line.length) return values;
    if (line[end] !== ' ') throw new Error(`unexpected ${line[end]} at ${end}`);
    position = end + 1;
  }
}

/** cmd.exe /c: strip the outer quotes, expand %VAR% (these exist), then carets and quotes (phase 2). */
export function parseCmdSlashC(line: string, variables: Record<string, string>): string[] {
  if (!line.startsWith('"') || !line.endsWith('"')) throw new Error('not wrapped in quotes');
  let text = line.slice(1, -1);
  text = text.replace(/%([^%]+)%/g, (whole, name: string) => variables[name.toUpperCase()] ?? whole);
  let passed = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    if (!inQuotes && c === '^') {
      i += 1;
      passed += text[i] ?? '';
      continue;
    }
    if (!inQuotes && '&|<>()'.includes(c)) throw new Error(`cmd.exe would act on ${c} at ${i}`);
    passed += c;
  }
  if (inQuotes) throw new Error('unbalanced quotes after cmd.exe');
  return parseMsvcrtCommandLine(passed);
}

/** How a C program splits its command line: 2n backslashes + quote → n and a toggle; 2n+1 → n and a quote. */
export function parseMsvcrtCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\') {
      let count = 0;
      while (line[i] === '\\') {
        count += 1;
        i += 1;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else inQuotes = !inQuotes;
      } else {
        current += '\\'.repeat(count);
        i -= 1;
      }
      started = true;
    } else if (c === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if ((c === ' ' || c === '\t') && !inQuotes) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** Reads `@('a', 'b')` starting at `start`. */
export function readPowerShellArray(text: string, start: number): { values: string[]; end: number } {
  if (!text.startsWith('@(', start)) throw new Error(`no array at ${start}`);
  const values: string[] = [];
  let position = start + 2;
  while (text[position] !== ')') {
    if (values.length > 0) {
      if (!text.startsWith(', ', position)) throw new Error(`expected , at ${position}`);
      position += 2;
    }
    const { value, end } = readPowerShellLiteral(text, position);
    values.push(value);
    position = end;
  }
  return { values, end: position + 1 };
}
