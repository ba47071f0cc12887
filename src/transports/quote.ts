/** How a command would be typed in a POSIX shell: each argument single-quoted when it needs to be. */
export function quotePosix(argv: readonly string[]): string {
  return argv
    .map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}

/**
 * How a command would be typed at a Windows command prompt (the form operators copy from runbooks):
 * arguments with spaces, quotes or cmd.exe metacharacters are double-quoted following the MSVCRT argv rules.
 */
export function quoteWindows(argv: readonly string[]): string {
  return argv.map(quoteWindowsArgument).join(' ');
}

export function quoteWindowsArgument(arg: string): string {
  // Quote cmd.exe's metacharacters too, so a command copied from the screen runs as shown.
  if (arg !== '' && !/[\s"&|<>^()]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1;
      continue;
    }
    // Backslashes before a quote are doubled, and the quote escaped.
    quoted += '\\'.repeat(char === '"' ? backslashes * 2 + 1 : backslashes) + char;
    backslashes = 0;
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}
