import { escapePowerShellSingleQuoted } from './quote-powershell.js';
import { PLACEHOLDER } from './placeholder.js';

/**
 * Values placed into PowerShell code. `powershell -NoProfile -Command "Get-ClusterGroup -Name '{{group}}'"`
 * passes a script, not arguments: a value pasted in as it is could end the string it sits in and run code
 * (`x'; Remove-Item …; '`). So each value is escaped for the place it lands, like an HTML template does:
 * - inside '…': its single quotes are doubled (PowerShell expands nothing else there);
 * - inside "…": `$`, backtick and double quotes get a backtick, so nothing is expanded;
 * - in bare code: it becomes a '…' literal of its own (`-Node {{node}}` → `-Node 'BTS01'`).
 * PowerShell also counts the typographic quotes as quotes, so they are treated alike.
 */
export type PowerShellQuoteState = 'code' | 'single' | 'double';

const SINGLE = /['\u2018\u2019\u201A\u201B]/;
const DOUBLE = /["\u201C\u201D\u201E]/;
const PROGRAM = /^(powershell|pwsh)(\.exe)?$/i;
/** -Command and the abbreviations PowerShell accepts for it (-c, -com, …), with - or /. */
const COMMAND_SWITCH = /^[-/](c|co|com|comm|comma|comman|command)$/i;

/** Index of the first argv element that is PowerShell code, or argv.length when none is. */
export function findPowerShellScript(argv: readonly string[]): number {
  const program = (argv[0] ?? '').split(/[\\/]/).at(-1) ?? '';
  if (!PROGRAM.test(program)) return argv.length;
  const at = argv.findIndex((arg, index) => index > 0 && COMMAND_SWITCH.test(arg));
  return at < 0 ? argv.length : at + 1;
}

/** Replaces the placeholders of one element of a script; unknown names (lookUp → undefined) stay as they are. */
export function interpolatePowerShell(
  text: string,
  start: PowerShellQuoteState,
  lookUp: (name: string) => string | undefined,
): { text: string; state: PowerShellQuoteState } {
  let state = start;
  let out = '';
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const literal = text.slice(from, match.index);
    state = advance(literal, state);
    const value = lookUp(match[1]!);
    out += literal + (value === undefined ? match[0] : escapeFor(state, value));
    from = match.index + match[0].length;
  }
  const rest = text.slice(from);
  return { text: out + rest, state: advance(rest, state) };
}

function escapeFor(state: PowerShellQuoteState, value: string): string {
  if (state === 'single') return doubleSingleQuotes(value);
  if (state === 'double') return value.replace(/[`$"\u201C\u201D\u201E]/g, (c) => `\`${c}`);
  return `'${doubleSingleQuotes(value)}'`;
}

const doubleSingleQuotes = escapePowerShellSingleQuoted;

/** The quoting state after PowerShell reads `text` from `state` (strings and escapes; enough for placing values). */
function advance(text: string, start: PowerShellQuoteState): PowerShellQuoteState {
  let state = start;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (state === 'code') {
      if (c === '`') i += 1;
      else if (SINGLE.test(c)) state = 'single';
      else if (DOUBLE.test(c)) state = 'double';
    } else if (state === 'single') {
      if (SINGLE.test(c)) {
        if (SINGLE.test(text[i + 1] ?? '')) i += 1;
        else state = 'code';
      }
    } else if (c === '`') i += 1;
    else if (DOUBLE.test(c)) {
      if (DOUBLE.test(text[i + 1] ?? '')) i += 1;
      else state = 'code';
    }
  }
  return state;
}
