import {
  findPowerShellScript,
  interpolatePowerShell,
  type PowerShellQuoteState,
} from './powershell-script.js';
import { PLACEHOLDER } from './placeholder.js';

export type Variables = Readonly<Record<string, string>>;

export class UnknownVariableError extends Error {
  readonly variable: string;
  constructor(variable: string, text: string) {
    super(`unknown variable {{${variable}}} in "${text}"`);
    this.name = 'UnknownVariableError';
    this.variable = variable;
  }
}

/** Names of the variables a text refers to, in order of appearance. */
export function findVariables(text: string): string[] {
  // Most strings of a runbook (instructions, titles, sources) name no variable: skip the regex for them.
  if (!text.includes('{{')) return [];
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export function interpolate(text: string, variables: Variables): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new UnknownVariableError(name, text);
    return value;
  });
}

/**
 * Each element is interpolated on its own, so a value with spaces or quotes stays one argument. The
 * elements of a PowerShell script (`powershell -Command "…{{x}}…"`) are code, not arguments: there each
 * value is escaped for where it lands (powershell-script.ts), so it can only ever be a literal.
 */
export function interpolateArgv(argv: readonly string[], variables: Variables): string[] {
  return interpolateCommand(argv, variables, false);
}

/** interpolateArgv for display (confirmations, plan): unknown variables stay as `{{name}}`. */
export function interpolateArgvKnown(argv: readonly string[], variables: Variables): string[] {
  return interpolateCommand(argv, variables, true);
}

function interpolateCommand(argv: readonly string[], variables: Variables, keepUnknown: boolean): string[] {
  const scriptFrom = findPowerShellScript(argv);
  const lookUp = (name: string, text: string): string | undefined => {
    const value = variables[name];
    if (value === undefined && !keepUnknown) throw new UnknownVariableError(name, text);
    return value;
  };
  let state: PowerShellQuoteState = 'code';
  return argv.map((element, index) => {
    if (index < scriptFrom) {
      return element.replace(PLACEHOLDER, (whole, name: string) => lookUp(name, element) ?? whole);
    }
    // PowerShell joins the script's elements with spaces: the quoting carries over from one to the next.
    const done = interpolatePowerShell(element, state, (name) => lookUp(name, element));
    state = done.state;
    return done.text;
  });
}

/** Like interpolate, but unknown variables stay as `{{name}}` (plan output before inputs are known). */
export function interpolateKnown(text: string, variables: Variables): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => variables[name] ?? whole);
}
