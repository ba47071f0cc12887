import type { Check, Expect } from './schema.js';

/** A short label for a check, for ✓/✗ lines: "ENTSSO is running", "ssomanage -displaydb". */
export function describeCheck(check: Check): string {
  if (check.label) return check.label;
  if ('run' in check) return check.run.join(' ');
  if ('service' in check) return `service ${check.service.name} is ${check.service.state}`;
  if ('file' in check) return `${check.file.path} ${check.file.exists ? 'exists' : 'is absent'}`;
  if ('port' in check) return `${check.port.host}:${check.port.port} is reachable`;
  if ('event' in check)
    return `event ${check.event.ids.join('/')} ${check.event.present ? 'logged' : 'not logged'}`;
  return `registry ${check.registry.key} ${check.registry.exists ? 'exists' : 'is absent'}`;
}

/** What a command is expected to produce, in words. */
export function describeExpect(expect: Expect): string {
  const parts = [`exit code ${expect.exitCode}`];
  if (expect.stdout) parts.push(`output showing ${describePattern(expect.stdout)}`);
  if (expect.stderr) parts.push(`errors showing ${describePattern(expect.stderr)}`);
  if (expect.notStdout) parts.push(`output not showing ${describePattern(expect.notStdout)}`);
  return parts.join(', ');
}

/** Escapes and wildcards that read as words; anything else that is regex syntax keeps the pattern a pattern. */
const TOKENS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\\s[*+]:\\s[*+]/, () => ' : '],
  [/^\\s[*+]:/, () => ' :'],
  [/^\\s[*+]/, () => ' '],
  [/^\\S\+/, () => '<a name>'],
  [/^\\d\+/, () => '<a number>'],
  [/^\[0-9a-f\]\{64\}/i, () => '<a SHA-256>'],
  [/^\\([^A-Za-z0-9])/, (m) => m[1]!],
  [/^[^\\^$*+?|()[\]{}.]/, (m) => m[0]],
];

/**
 * A pattern in words where it reads as text once its spacing and wildcards are said plainly
 * (`SSO secret server name\s*:\s*BTS01` → "SSO secret server name : BTS01"); a real regular
 * expression stays one, between slashes.
 */
export function describePattern(pattern: string): string {
  let rest = pattern;
  let text = '';
  while (rest) {
    const token = TOKENS.map(([re, words]) => ({ m: re.exec(rest), words })).find((t) => t.m);
    if (!token?.m) return `/${pattern}/`;
    text += token.words(token.m);
    rest = rest.slice(token.m[0].length);
  }
  return `"${text}"`;
}
