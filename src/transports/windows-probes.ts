import type { Probe } from '../engine/ports.js';
import type { PowerShellCall } from './powershell.js';

/**
 * The typed probes as PowerShell script blocks for a Windows host. Each takes its values as parameters
 * and prints one line of JSON (facts, not verdicts); `readProbeFacts` turns the facts into a ProbeResult,
 * so the judging is plain TypeScript and the same for every transport.
 */
const BODIES = {
  service:
    'param($name) $s = Get-Service -Name $name -ErrorAction SilentlyContinue | Select-Object -First 1; ' +
    'if ($null -eq $s) { @{ found = $false } | ConvertTo-Json -Compress } ' +
    'else { @{ found = $true; status = [string]$s.Status; displayName = $s.DisplayName } | ConvertTo-Json -Compress }',
  file:
    'param($path, $hash) if (-not (Test-Path -LiteralPath $path)) { @{ exists = $false } | ConvertTo-Json -Compress; return } ' +
    '$i = Get-Item -LiteralPath $path -Force; $o = @{ exists = $true; size = [long]$i.Length; ' +
    'lastWriteUtc = $i.LastWriteTimeUtc.ToString("o"); ageSec = [long]([DateTime]::UtcNow - $i.LastWriteTimeUtc).TotalSeconds }; ' +
    'if ($hash -and -not $i.PSIsContainer) { $o.sha256 = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToLowerInvariant() }; ' +
    '$o | ConvertTo-Json -Compress',
  port:
    'param($target, $port) $t = Test-NetConnection -ComputerName $target -Port $port -WarningAction SilentlyContinue; ' +
    '@{ tcpTestSucceeded = [bool]$t.TcpTestSucceeded; remoteAddress = [string]$t.RemoteAddress } | ConvertTo-Json -Compress',
  event:
    'param($source, [int[]]$ids, [long]$sinceMs) ' +
    '$f = @{ LogName = "Application"; ProviderName = $source; Id = $ids; StartTime = [DateTimeOffset]::FromUnixTimeMilliseconds($sinceMs).UtcDateTime }; ' +
    'try { $e = @(Get-WinEvent -FilterHashtable $f -MaxEvents 50 -ErrorAction Stop) } ' +
    'catch { if ($_.FullyQualifiedErrorId -like "NoMatchingEventsFound*") { $e = @() } else { throw } }; ' +
    'ConvertTo-Json -Compress -Depth 4 -InputObject @{ events = @($e | ForEach-Object { @{ id = $_.Id; ' +
    'timeMs = ([DateTimeOffset]$_.TimeCreated.ToUniversalTime()).ToUnixTimeMilliseconds(); message = [string]$_.Message } }) }',
  registry: 'param($key) @{ exists = [bool](Test-Path -LiteralPath $key) } | ConvertTo-Json -Compress',
} as const;

export function createProbeCall(probe: Probe): PowerShellCall {
  switch (probe.kind) {
    case 'service':
      return { body: BODIES.service, args: [probe.name] };
    case 'file':
      return { body: BODIES.file, args: [probe.path, probe.sha256 !== undefined] };
    case 'port':
      return { body: BODIES.port, args: [probe.host, probe.port] };
    case 'event':
      return { body: BODIES.event, args: [probe.source, probe.ids.map(String), probe.sinceMs] };
    case 'registry':
      return { body: BODIES.registry, args: [toRegistryPath(probe.key)] };
  }
}

/** `HKLM\SOFTWARE\…` (how runbooks and reg.exe write keys) as a PowerShell provider path (`HKLM:\SOFTWARE\…`). */
export function toRegistryPath(key: string): string {
  const match = /^(HKLM|HKEY_LOCAL_MACHINE|HKCU|HKEY_CURRENT_USER)\\(.*)$/i.exec(key);
  if (!match) return `Registry::${key}`;
  const hive = match[1]!.toUpperCase();
  return `${hive === 'HKLM' || hive === 'HKEY_LOCAL_MACHINE' ? 'HKLM' : 'HKCU'}:\\${match[2]}`;
}
