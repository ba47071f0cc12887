import { quotePowerShell } from './quote-powershell.js';
import type { Platform } from './host-platform.js';
import type { Check } from './schema.js';

type ProbeCheck = Exclude<Check, { run: unknown }>;

const psQuote = quotePowerShell;

/**
 * What an operator types at a PowerShell prompt on the host to see what a typed check sees — for plan and
 * the printed checklist. (The transports run their own scripts; these are the human-readable equivalents.)
 */
export function describeProbeCommand(check: ProbeCheck, platform: Platform = 'windows'): string {
  if (platform === 'posix') return describePosixProbeCommand(check);
  if ('service' in check)
    return `(Get-Service -Name ${psQuote(check.service.name)}).Status   # expect ${check.service.state}`;
  if ('file' in check) {
    const path = psQuote(check.file.path);
    if (!check.file.exists) return `Test-Path -LiteralPath ${path}   # expect False`;
    return check.file.sha256
      ? `(Get-FileHash -LiteralPath ${path} -Algorithm SHA256).Hash   # expect ${check.file.sha256}`
      : `Get-Item -LiteralPath ${path}   # expect it to exist`;
  }
  if ('port' in check)
    return `Test-NetConnection -ComputerName ${psQuote(check.port.host)} -Port ${check.port.port}   # expect TcpTestSucceeded : True`;
  if ('event' in check) {
    const ids = check.event.ids.join(',');
    const filter = `@{LogName='Application'; ProviderName=${psQuote(check.event.source)}; Id=${ids}; StartTime=<when the step began>}`;
    return `Get-WinEvent -FilterHashtable ${filter} -MaxEvents 5   # expect ${check.event.present ? 'an entry' : 'none'}`;
  }
  return `Test-Path -LiteralPath ${psQuote(`Registry::${check.registry.key}`)}   # expect ${check.registry.exists ? 'True' : 'False'}`;
}

const shQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** The same on a POSIX host, at a sh prompt (systemd's systemctl; bash's /dev/tcp for a port). */
function describePosixProbeCommand(check: ProbeCheck): string {
  if ('service' in check) {
    const expect = {
      running: 'active',
      stopped: 'inactive',
      'start-pending': 'activating',
      'stop-pending': 'deactivating',
      missing: 'not-found (LoadState)',
    }[check.service.state];
    return `systemctl show -p LoadState -p ActiveState ${shQuote(check.service.name)}   # expect ${expect}`;
  }
  if ('file' in check) {
    const path = shQuote(check.file.path);
    if (!check.file.exists) return `test -e ${path}; echo $?   # expect 1`;
    return check.file.sha256
      ? `sha256sum ${path}   # expect ${check.file.sha256}`
      : `ls -l ${path}   # expect it to exist`;
  }
  if ('port' in check)
    return `timeout 5 bash -c 'exec 3<>/dev/tcp/${check.port.host}/${check.port.port}' && echo open   # expect open`;
  return `# a ${'event' in check ? 'Windows event log' : 'registry'} check: not available on a POSIX host`;
}
