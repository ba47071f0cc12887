import { findVariables } from './interpolate.js';

const POSIX_SHELL = /^(sh|bash|dash|zsh|ksh|ash)$/;
const CMD = /^cmd(\.exe)?$/i;

/** One `{{variable}}` that would be pasted into shell code, and how to avoid it. */
export type ShellScriptValue = { index: number; name: string; message: string };

/**
 * Placeholders inside code that a shell parses: the script of `sh -c '…'` or everything after
 * `cmd /c`. There a value holding a quote, `;` or `&` runs as a command, and unlike PowerShell
 * (powershell-script.ts) these shells have no quoting the engine could apply for every value, so lint
 * refuses it and says what to write instead.
 */
export function findShellScriptValues(argv: readonly string[]): ShellScriptValue[] {
  const program = (argv[0] ?? '').split(/[\\/]/).at(-1) ?? '';
  const found: ShellScriptValue[] = [];
  if (POSIX_SHELL.test(program)) {
    // The script is the argument after the first option holding c (-c, -ec, -lc); later ones are $0, $1, …
    const option = argv.findIndex((arg, index) => index > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
    const script = option < 0 ? -1 : option + 1;
    for (const name of script > 0 ? findVariables(argv[script] ?? '') : [])
      found.push({
        index: script,
        name,
        message: `{{${name}}} is pasted into ${program} -c code, where a quote or ; in its value would run as a command: pass it as an argument after the script and use "$1" there`,
      });
  } else if (CMD.test(program)) {
    const switchAt = argv.findIndex((arg, index) => index > 0 && /^\/[ck]$/i.test(arg));
    for (let index = switchAt < 0 ? argv.length : switchAt + 1; index < argv.length; index += 1)
      for (const name of findVariables(argv[index]!))
        found.push({
          index,
          name,
          message: `{{${name}}} is pasted into cmd /c code, which has no quoting safe for every value: run the program itself as an argv array instead`,
        });
  }
  return found;
}
