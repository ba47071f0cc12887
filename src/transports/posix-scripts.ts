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

export function createPosixWriteArgv(path: string): string[] {
  return ['sh', '-c', WRITE, 'sso-failover-write', path];
}

/** The probes a POSIX host can answer; undefined for the Windows-only ones (service, event, registry, port). */
export function createPosixProbeArgv(probe: Probe): string[] | undefined {
  if (probe.kind !== 'file') return undefined;
  return ['sh', '-c', FILE_FACTS, 'sso-failover-probe', probe.path, probe.sha256 === undefined ? '0' : '1'];
}
