import type { Probe } from '../engine/ports.js';

/**
 * Writes stdin to $1 through a temporary file in the same folder, then renames it over the target:
 * readers see the old file or the whole new one. Owner-only, like files written on this computer.
 */
const WRITE = [
  'umask 077',
  'mkdir -p -- "$(dirname -- "$1")" || exit 1',
  't="$1.$$.tmp"',
  'if cat > "$t" && mv -f -- "$t" "$1"; then exit 0; fi',
  'rm -f -- "$t"; exit 1',
].join('\n');

/** File facts as one JSON line, for readProbeFacts (sha256 only when asked: it reads the whole file). */
const FILE_FACTS = [
  'if [ ! -e "$1" ]; then echo \'{"exists":false}\'; exit 0; fi',
  'size=$(wc -c < "$1" | tr -d " ") || exit 1',
  'age=$(( $(date +%s) - $(stat -c %Y -- "$1") )) || exit 1',
  'hash=""',
  'if [ "$2" = 1 ]; then hash=$(sha256sum < "$1" | cut -c1-64) || exit 1; fi',
  'printf \'{"exists":true,"size":%s,"ageSec":%s,"sha256":"%s"}\\n\' "$size" "$age" "$hash"',
].join('\n');

/**
 * Service facts: systemd where it runs (LoadState, ActiveState), else the `service` command (LSB exit codes:
 * 0 running, 3 stopped), with the same names as Windows' Get-Service so readProbeFacts judges both alike.
 */
const SERVICE_FACTS = [
  'if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then',
  '  load=$(systemctl show -p LoadState --value -- "$1" 2>/dev/null)',
  '  if [ -z "$load" ] || [ "$load" = not-found ]; then echo \'{"found":false}\'; exit 0; fi',
  '  case $(systemctl show -p ActiveState --value -- "$1") in',
  '    active|reloading) s=Running;; activating) s=StartPending;; deactivating) s=StopPending;; *) s=Stopped;;',
  '  esac',
  '  printf \'{"found":true,"status":"%s","displayName":"systemd unit"}\\n\' "$s"; exit 0',
  'fi',
  'if [ -x "/etc/init.d/$1" ]; then',
  '  "/etc/init.d/$1" status >/dev/null 2>&1',
  '  case $? in 0) s=Running;; *) s=Stopped;; esac',
  '  printf \'{"found":true,"status":"%s","displayName":"init.d script"}\\n\' "$s"; exit 0',
  'fi',
  'echo \'{"found":false}\'',
].join('\n');

/** Port facts: a TCP connection from the host (bash's /dev/tcp, bounded by timeout). */
const PORT_FACTS = [
  'if timeout 5 bash -c \'exec 3<>"/dev/tcp/$0/$1"\' "$1" "$2" 2>/dev/null; then',
  '  printf \'{"tcpTestSucceeded":true,"remoteAddress":"%s"}\\n\' "$1"',
  'else echo \'{"tcpTestSucceeded":false}\'; fi',
].join('\n');

export function createPosixWriteArgv(path: string): string[] {
  return ['sh', '-c', WRITE, 'sso-failover-write', path];
}

/** The probes a POSIX host can answer (file, service, port); undefined for the Windows-only ones (event, registry). */
export function createPosixProbeArgv(probe: Probe): string[] | undefined {
  if (probe.kind === 'file')
    return ['sh', '-c', FILE_FACTS, 'sso-failover-probe', probe.path, probe.sha256 === undefined ? '0' : '1'];
  if (probe.kind === 'service') return ['sh', '-c', SERVICE_FACTS, 'sso-failover-probe', probe.name];
  if (probe.kind === 'port')
    return ['sh', '-c', PORT_FACTS, 'sso-failover-probe', probe.host, String(probe.port)];
  return undefined;
}
