import type { LabStatus } from '../lab-status.js';
import type { LabVerdict } from '../verify-lab.js';

const table = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
};

/** `lab status` as text: SSODB, then one row per server. */
export function formatLabStatus(status: LabStatus): string {
  const rows = [
    [
      'SERVER',
      'REACHABLE',
      'ENTSSO',
      'ACTS AS MSS',
      'CACHED MSID',
      'FROM',
      'SSO SERVER SETTING',
      'HOST INSTANCE',
    ],
  ];
  for (const s of status.servers) {
    rows.push([
      s.name,
      s.reachable ? 'yes' : `no (${s.unreachableReason ?? 'unreachable'})`,
      s.kind === 'sql' ? '-' : s.entsso,
      s.actingAsMss ? 'yes' : '',
      s.cachedMsid ?? '',
      s.cachedFrom ?? '',
      s.ssoServerSetting ?? '',
      s.hostInstance ?? '',
    ]);
  }
  const lines = [
    `Lab time      : ${new Date(status.labTimeMs).toISOString()} (x${status.timeScale})`,
    `Faults        : ${status.faults.join(', ') || 'none'}`,
    `SSODB         : secretServer ${status.secretServer}, data under MSID ${status.currentMsid}`,
    '',
    ...table(rows),
  ];
  return `${lines.join('\n')}\n`;
}

/** `lab verify` as text: ✓/✗ per criterion, then the verdict. */
export function formatLabVerdict(verdict: LabVerdict): string {
  const lines = verdict.criteria.map((c) => `${c.passed ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  lines.push(
    verdict.passed ? 'PASSED: the failover is complete and correct.' : 'FAILED: see the ✗ criteria above.',
  );
  return `${lines.join('\n')}\n`;
}
