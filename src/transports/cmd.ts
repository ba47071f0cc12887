import { quoteWindowsArgument } from './quote.js';

/** cmd.exe treats these specially outside quotes; a caret before each makes it a plain character. */
const CMD_METACHARACTERS = /[\^&|<>()%!"]/g;

/**
 * A command line for `cmd.exe /c` that runs `argv` with every argument arriving intact. Each argument is
 * quoted for the program (MSVCRT rules), then every cmd.exe metacharacter in it, quotes included, is
 * escaped with a caret, so cmd.exe never sees an open quote it could misread and never expands %VAR%.
 * The whole line is wrapped in one more pair of quotes, which `cmd /c` strips.
 * Returns an error message for what cmd.exe cannot carry (line breaks end a command line).
 */
export function quoteCmd(argv: readonly string[]): { line: string } | { error: string } {
  const [program, ...args] = argv;
  if (program === undefined) return { error: 'no program to run' };
  if (/["%\r\n\0]/.test(program))
    return { error: `the program name ${JSON.stringify(program)} cannot be run through cmd.exe` };
  for (const [index, arg] of args.entries()) {
    if (/[\r\n\0]/.test(arg))
      return { error: `argument ${index + 1} contains a line break, which cmd.exe cannot pass to a program` };
  }
  const escaped = args.map((arg) => quoteWindowsArgument(arg).replace(CMD_METACHARACTERS, '^$&'));
  return { line: `""${program}"${escaped.map((arg) => ` ${arg}`).join('')}"` };
}
