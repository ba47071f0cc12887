import type { Platform } from '../runbook/host-platform.js';

/** What a lease script does to the marker of an environment on one server. */
export type LeaseOperation =
  | { op: 'acquire'; path: string; token: string; lease: string }
  | { op: 'renew'; path: string; token: string; lease: string }
  | { op: 'release'; path: string; token: string }
  /** move an expired lease aside, only if it is still the one judged expired (its token) */
  | { op: 'takeover'; path: string; token: string; stale: string };

/**
 * The first line each script prints: acquired / held (then the holder's lease) / renewed / released /
 * taken (the expired lease was moved aside) / changed (someone renewed or replaced it meanwhile) /
 * gone (no lease there) / lost (the lease there is not ours, then its content).
 */
export type LeaseAnswer =
  | 'acquired'
  | 'held'
  | 'renewed'
  | 'released'
  | 'taken'
  | 'changed'
  | 'gone'
  | 'lost';

/** Where the marker of an environment lives on a Windows SSO server: a folder every administrator can write. */
export function leasePath(environment: string): string {
  return `C:\\ProgramData\\sso-failover\\leases\\${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.lease`;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

const READ_OWN = [
  "try { $now = [IO.File]::ReadAllText($path) } catch [IO.FileNotFoundException] { 'gone'; return } catch [IO.DirectoryNotFoundException] { 'gone'; return }",
  "if (-not $now.Contains('\"token\":\"' + $token + '\"')) { 'lost'; $now; return }",
];

// Each body is what PowerShell runs after the values. The create is atomic: the lease is written whole to
// a file of its own, then moved onto the marker's name — File.Move fails when the marker exists, so of two
// runs exactly one creates it, and nobody ever reads a half-written lease (New-Item -ItemType File would
// also fail on an existing file, but leaves an empty one visible until it is written).
const BODIES: Record<LeaseOperation['op'], readonly string[]> = {
  acquire: [
    '$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $path)',
    "$pending = $path + '.' + $token",
    '[IO.File]::WriteAllText($pending, $lease)',
    "try { [IO.File]::Move($pending, $path); 'acquired' } catch { Remove-Item -LiteralPath $pending -Force; if (-not (Test-Path -LiteralPath $path)) { throw }; 'held'; [IO.File]::ReadAllText($path) }",
  ],
  renew: [
    ...READ_OWN,
    "$pending = $path + '.' + $token",
    '[IO.File]::WriteAllText($pending, $lease)',
    "[IO.File]::Replace($pending, $path, $null); 'renewed'",
  ],
  release: [...READ_OWN, "Remove-Item -LiteralPath $path -Force; 'released'"],
  // Moving is atomic: of two operators taking over the same expired lease, one moves it, the other finds it gone.
  takeover: [
    "$aside = $path + '.' + $token + '.expired'",
    "try { [IO.File]::Move($path, $aside) } catch { 'gone'; return }",
    "if (-not ([IO.File]::ReadAllText($aside)).Contains('\"token\":\"' + $stale + '\"')) { [IO.File]::Move($aside, $path); 'changed'; return }",
    "Remove-Item -LiteralPath $aside -Force; 'taken'",
  ],
};

/** The PowerShell statements of a lease operation, in the order the lab reads them. */
export function leaseStatements(operation: LeaseOperation): string[] {
  const values = [
    `$op = ${quote(operation.op)}`,
    `$path = ${quote(operation.path)}`,
    `$token = ${quote(operation.token)}`,
    ...('lease' in operation ? [`$lease = ${quote(operation.lease)}`] : []),
    ...('stale' in operation ? [`$stale = ${quote(operation.stale)}`] : []),
  ];
  return ["$ErrorActionPreference = 'Stop'", ...values, ...BODIES[operation.op]];
}

/**
 * The argv that runs a lease operation on a host of `platform`. Only Windows servers run ENTSSO, so only
 * they hold leases; undefined elsewhere (the environment's lock folder is then the only guard).
 */
export function leaseCommand(operation: LeaseOperation, platform: Platform): string[] | undefined {
  if (platform !== 'windows') return undefined;
  return ['powershell', '-NoProfile', '-NonInteractive', '-Command', leaseStatements(operation).join('; ')];
}

/** The answer word on the first line of a lease script's output, or undefined when the script did not run. */
export function readLeaseAnswer(stdout: string): { answer: LeaseAnswer; rest: string } | undefined {
  const [first = '', ...rest] = stdout.replace(/\r\n/g, '\n').split('\n');
  const answer = first.trim();
  const known: readonly string[] = [
    'acquired',
    'held',
    'renewed',
    'released',
    'taken',
    'changed',
    'gone',
    'lost',
  ];
  return known.includes(answer) ? { answer: answer as LeaseAnswer, rest: rest.join('\n').trim() } : undefined;
}
