import { quotePowerShell } from '../runbook/quote-powershell.js';

export { quotePowerShell };

/** A value handed to a script block: literals only, or one of our own variables (never operator text). */
export type PowerShellValue = string | number | boolean | null | readonly string[] | { variable: string };

export function renderPowerShellValue(value: PowerShellValue): string {
  if (value === null) return '$null';
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return quotePowerShell(value);
  if ('variable' in value) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(value.variable)) throw new Error(`bad variable ${value.variable}`);
    return `$${value.variable}`;
  }
  return `@(${value.map(quotePowerShell).join(', ')})`;
}

/** A script block and the values it receives as parameters: values never become part of its text. */
export type PowerShellCall = { body: string; args: readonly PowerShellValue[] };

/** `& { body } 'a' @('b')` — runs the script block here, values as positional arguments. */
export function renderLocalCall(call: PowerShellCall): string {
  return ['&', `{ ${call.body} }`, ...call.args.map(renderPowerShellValue)].join(' ');
}

/** `Invoke-Command -ComputerName 'x' -ScriptBlock { body } -ArgumentList 'a', @('b')` — runs it on another computer. */
export function renderRemoteCall(call: PowerShellCall, computer: string, useSsl: boolean): string {
  const values = call.args.map(renderPowerShellValue);
  // A lone array would be unrolled into separate arguments; the unary comma keeps it one.
  const argumentList =
    values.length === 0
      ? ''
      : ` -ArgumentList ${values.length === 1 ? `(,${values[0]})` : values.join(', ')}`;
  return `Invoke-Command -ComputerName ${quotePowerShell(computer)}${useSsl ? ' -UseSSL' : ''} -ErrorAction Stop -ScriptBlock { ${call.body} }${argumentList}`;
}

/** `& 'C:\…\ssomanage.exe' '-displaydb'`: a program and its arguments, every one a literal. */
export function renderPowerShellCommand(argv: readonly string[]): string {
  return ['&', ...argv.map(quotePowerShell)].join(' ');
}

/** -EncodedCommand takes the script as base64 of UTF-16LE, so no shell on the way ever parses it. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Arguments of powershell.exe / pwsh that run `script` and nothing else (no profile, no prompts). */
export function createPowerShellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodePowerShell(script)];
}

/**
 * Windows PowerShell 5.1 rebuilds a native program's command line without escaping embedded double quotes,
 * drops empty arguments, and lets a trailing backslash escape its closing quote. Refuse what it would mangle.
 */
export function findUnsafeNativeArgument(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.slice(1).entries()) {
    if (arg === '') return `argument ${index + 1} is empty`;
    if (arg.includes('"')) return `argument ${index + 1} contains a double quote (")`;
    if (/\s/.test(arg) && arg.endsWith('\\')) return `argument ${index + 1} has spaces and ends with \\`;
  }
  return undefined;
}

/** Output as UTF-8 and no progress bars: what a script prints is read back by this program. */
export const POWERSHELL_PRELUDE =
  "$ProgressPreference = 'SilentlyContinue'; try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }";

/** Reads all of stdin (as UTF-8) into $stdinText, for values that must not travel on a command line. */
export const READ_STDIN =
  '$stdinText = (New-Object System.IO.StreamReader ([Console]::OpenStandardInput()), (New-Object System.Text.UTF8Encoding $false)).ReadToEnd()';
