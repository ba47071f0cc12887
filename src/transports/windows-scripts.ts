import {
  POWERSHELL_PRELUDE,
  type PowerShellCall,
  READ_STDIN,
  renderLocalCall,
  renderPowerShellCommand,
  renderRemoteCall,
} from './powershell.js';

/** Exit code of a script that could not reach the computer (as ssh uses 255 for a failed connection). */
export const UNREACHABLE_EXIT_CODE = 255;

/**
 * Runs a program on the remote computer (WinRM). Invoke-Command does not forward stdin, so the text meant
 * for the program's stdin arrives as a parameter and is piped to it line by line; stdout and stderr come
 * back merged, with the exit code, as one object.
 */
const EXEC_BODY = [
  'param($exe, [string[]]$a, $in)',
  '$global:LASTEXITCODE = 0',
  "try { if ($null -ne $in) { $lines = ($in -replace '\\r?\\n$', '') -split '\\r?\\n' | & $exe @a 2>&1 } else { $lines = & $exe @a 2>&1 }; $code = $LASTEXITCODE } " +
    'catch { $lines = @($_.Exception.Message); $code = 9009 }',
  '[pscustomobject]@{ exitCode = $code; output = ((@($lines) | ForEach-Object { [string]$_ }) -join "`n") }',
].join('; ');

/** Writes $content to $path through a temporary file next to it, then replaces the target in one step. */
const WRITE_BODY = [
  'param($path, $content)',
  "$ErrorActionPreference = 'Stop'",
  '$dir = [IO.Path]::GetDirectoryName($path)',
  'if ($dir) { [void][IO.Directory]::CreateDirectory($dir) }',
  "$tmp = $path + '.' + [Guid]::NewGuid().ToString('N').Substring(0, 8) + '.tmp'",
  'try { [IO.File]::WriteAllText($tmp, $content, (New-Object System.Text.UTF8Encoding $false)); ' +
    'if ([IO.File]::Exists($path)) { [IO.File]::Replace($tmp, $path, $null) } else { [IO.File]::Move($tmp, $path) } } ' +
    'finally { if ([IO.File]::Exists($tmp)) { [IO.File]::Delete($tmp) } }',
].join('; ');

export function createExecCall(argv: readonly string[], stdin: boolean): PowerShellCall {
  return { body: EXEC_BODY, args: [argv[0]!, argv.slice(1), stdin ? { variable: 'stdinText' } : null] };
}

/** The file's content is read from this script's stdin: it never appears on a command line. */
export function createWriteCall(path: string): PowerShellCall {
  return { body: WRITE_BODY, args: [path, { variable: 'stdinText' }] };
}

/**
 * Runs a program in the PowerShell of the host (OpenSSH with a PowerShell shell): the program inherits
 * stdin, stdout and stderr, so a password on stdin and the tool's own output pass straight through.
 */
export function createNativeScript(argv: readonly string[]): string {
  return [
    `try { ${renderPowerShellCommand(argv)} } catch { [Console]::Error.WriteLine($_.Exception.Message); exit 9009 }`,
    'exit $LASTEXITCODE',
  ].join('\n');
}

/** A script block run on this host: probes and writes over OpenSSH, probes on a local Windows computer. */
export function createLocalScript(call: PowerShellCall): string {
  return [POWERSHELL_PRELUDE, ...(usesStdin(call) ? [READ_STDIN] : []), renderLocalCall(call)].join('\n');
}

export type RemoteScriptOptions = { computer: string; useSsl: boolean; output: 'exec' | 'lines' };

/** The script powershell.exe runs here to run a script block on another computer over WinRM. */
export function createWinRmScript(call: PowerShellCall, options: RemoteScriptOptions): string {
  const printed =
    options.output === 'exec'
      ? 'if ($r.output) { [Console]::Out.WriteLine([string]$r.output) }; exit [int]$r.exitCode'
      : 'foreach ($line in @($r)) { [Console]::Out.WriteLine([string]$line) }';
  return [
    POWERSHELL_PRELUDE,
    ...(usesStdin(call) ? [READ_STDIN] : []),
    `try { $r = ${renderRemoteCall(call, options.computer, options.useSsl)} }`,
    // A failed connection is told apart from a failure of the script block on the computer.
    `catch [System.Management.Automation.Remoting.PSRemotingTransportException] { [Console]::Error.WriteLine($_.Exception.Message); exit ${UNREACHABLE_EXIT_CODE} }`,
    'catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }',
    printed,
  ].join('\n');
}

function usesStdin(call: PowerShellCall): boolean {
  return call.args.some((arg) => typeof arg === 'object' && arg !== null && 'variable' in arg);
}
