import {
  POWERSHELL_PRELUDE,
  type PowerShellCall,
  READ_STDIN,
  renderLocalCall,
  renderPowerShellCommand,
  renderRemoteCall,
} from './powershell.js';
import { quoteWindows } from './quote.js';

/** Exit code of a script that could not reach the computer (as ssh uses 255 for a failed connection). */
export const UNREACHABLE_EXIT_CODE = 255;

/** Last stderr line of a WinRM command the server itself stopped: the reason follows the prefix. */
export const REMOTE_STOP_PREFIX = 'sso-failover-remote-stop: ';

/**
 * Runs a program on the remote computer (WinRM) as a System.Diagnostics.Process, so the server side holds
 * its process id and can stop it: Invoke-Command does not end a remote command when the client goes.
 * - The step's timeout is enforced on the server: at the deadline `taskkill /T /F` ends the program and
 *   its children there, whatever became of the client.
 * - Ctrl+C here runs a second call (STOP_BODY) that ends it by the token both calls share. The two
 *   calls meet through two files in the user's %TEMP%: this one writes `<token>.pid`, then looks for
 *   `<token>.stop`; the stop call writes `<token>.stop`, then looks for `<token>.pid`. In either order one
 *   of them sees the other, so a command canceled while it was starting is still stopped (or never starts).
 * - Invoke-Command does not forward stdin: the text meant for the program's stdin arrives as a parameter
 *   and is written to the program's stdin with Windows line ends.
 * - The arguments travel as one command line quoted by the MSVCRT rules ($line, quoteWindows), which
 *   Windows programs split back into the same argv.
 */
const EXEC_BODY = [
  'param($exe, $line, $in, $timeoutMs, $token)',
  "$mark = Join-Path $env:TEMP ('sso-failover-' + $token)",
  "if (Test-Path -LiteralPath ($mark + '.stop')) { return [pscustomobject]@{ exitCode = $null; stdout = ''; stderr = ''; stopped = 'canceled before it started' } }",
  '$psi = New-Object System.Diagnostics.ProcessStartInfo',
  '$psi.FileName = $exe',
  '$psi.Arguments = $line',
  '$psi.UseShellExecute = $false',
  '$psi.CreateNoWindow = $true',
  '$psi.RedirectStandardInput = $true',
  '$psi.RedirectStandardOutput = $true',
  '$psi.RedirectStandardError = $true',
  "try { $p = [System.Diagnostics.Process]::Start($psi) } catch { return [pscustomobject]@{ exitCode = 9009; stdout = ''; stderr = $_.Exception.Message; stopped = '' } }",
  "try { Set-Content -LiteralPath ($mark + '.pid') -Value ('' + $p.Id + ' ' + $p.StartTime.ToFileTimeUtc()) } catch { }",
  '$out = $p.StandardOutput.ReadToEndAsync()',
  '$err = $p.StandardError.ReadToEndAsync()',
  "$stopped = ''",
  "if (Test-Path -LiteralPath ($mark + '.stop')) { $stopped = 'canceled' } elseif ($null -ne $in) { try { $p.StandardInput.Write(($in -replace '\\r?\\n', \"`r`n\")) } catch { } }",
  'try { $p.StandardInput.Close() } catch { }',
  "if (-not $stopped -and -not $p.WaitForExit($timeoutMs)) { $stopped = 'timed out after ' + [int]($timeoutMs / 1000) + ' s' }",
  'if ($stopped) { & taskkill.exe /T /F /PID $p.Id 2>&1 | Out-Null; [void]$p.WaitForExit(10000) }',
  "Remove-Item -LiteralPath ($mark + '.pid') -ErrorAction SilentlyContinue",
  '$code = $null',
  'if (-not $stopped) { $code = $p.ExitCode }',
  '[pscustomobject]@{ exitCode = $code; stdout = $out.Result; stderr = $err.Result; stopped = $stopped }',
].join('; ');

/**
 * Stops the command an EXEC_BODY call with the same token runs (Ctrl+C here, or a client-side timeout):
 * `taskkill /T /F` on its process id, when that process is still the one that call started. Says what it did.
 */
const STOP_BODY = [
  'param($token)',
  "$mark = Join-Path $env:TEMP ('sso-failover-' + $token)",
  "Set-Content -LiteralPath ($mark + '.stop') -Value 'stop'",
  "$said = 'it had not started, and now will not'",
  "if (Test-Path -LiteralPath ($mark + '.pid')) { $id, $started = (Get-Content -LiteralPath ($mark + '.pid') -Raw).Trim() -split ' '; $p = Get-Process -Id ([int]$id) -ErrorAction SilentlyContinue; " +
    "if ($p -and $p.StartTime.ToFileTimeUtc() -eq [long]$started) { & taskkill.exe /T /F /PID $id 2>&1 | Out-Null; $said = 'stopped process ' + $id + ' and its children' } else { $said = 'it had already ended' } }",
  // Stop files of calls that never started would otherwise pile up.
  "Get-ChildItem -LiteralPath $env:TEMP -Filter 'sso-failover-*.stop' -ErrorAction SilentlyContinue | Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-1) } | Remove-Item -ErrorAction SilentlyContinue",
  '$said',
].join('; ');

export type RemoteExec = {
  /** the program's stdin arrives as a parameter read from this script's stdin */
  stdin: boolean;
  /** enforced on the server; undefined: no limit there */
  timeoutMs: number | undefined;
  /** shared with the stop call; [0-9a-f] only */
  token: string;
};

export function createExecCall(argv: readonly string[], exec: RemoteExec): PowerShellCall {
  return {
    body: EXEC_BODY,
    args: [
      argv[0]!,
      quoteWindows(argv.slice(1)),
      exec.stdin ? { variable: 'stdinText' } : null,
      exec.timeoutMs === undefined ? -1 : Math.max(1, Math.round(exec.timeoutMs)),
      exec.token,
    ],
  };
}

export function createStopCall(token: string): PowerShellCall {
  return { body: STOP_BODY, args: [token] };
}

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
      ? [
          'if ($r.stdout) { [Console]::Out.Write([string]$r.stdout) }',
          'if ($r.stderr) { [Console]::Error.Write([string]$r.stderr) }',
          `if ($r.stopped) { [Console]::Error.WriteLine('${REMOTE_STOP_PREFIX}' + $r.stopped); exit 1 }`,
          'exit [int]$r.exitCode',
        ].join('; ')
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
