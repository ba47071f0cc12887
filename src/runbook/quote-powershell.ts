/**
 * PowerShell quoting, the one function for it (transports, printed probe commands, interpolated scripts).
 * Every value reaches a script as a single-quoted literal, in which PowerShell expands nothing ($,
 * backticks, ;, &, | and newlines are plain characters); the only special characters are the single quotes
 * themselves, and PowerShell counts the typographic ones (‘ ’ ‚ ‛) as quotes too.
 */
export const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** The text of a single-quoted literal holding exactly `value`, without the enclosing quotes. */
export function escapePowerShellSingleQuoted(value: string): string {
  // Inside a literal, a quote character followed by another quote character stands for one of them.
  return value.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote);
}

/** A PowerShell single-quoted string literal holding exactly `value`. */
export function quotePowerShell(value: string): string {
  return `'${escapePowerShellSingleQuoted(value)}'`;
}
