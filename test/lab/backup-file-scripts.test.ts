import { describe, expect, it } from 'vitest';
import { createTestLab } from './lab-test-kit.js';

const getContent = (path: string) => [
  'powershell',
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  `Get-Content -LiteralPath '${path}'`,
];

describe('the off-box folder on SQL01 (readiness, schedule-master-secret-backup)', () => {
  it('prints the backup record, but never a backup file (its MSID needs the password)', () => {
    const lab = createTestLab();
    const record = lab.run('SQL01', getContent('D:\\SSOBackups\\latest-backup.txt'));
    expect(record.exitCode).toBe(0);
    expect(record.stdout).toMatch(/^SHA-256 : [0-9a-f]{64}$/m);
    const name = lab.summary.backupPath.split('\\').pop()!;
    const backup = lab.run('SQL01', getContent(`D:\\SSOBackups\\${name}`));
    expect(backup.exitCode).toBe(1);
    expect(backup.stdout).toBe('');
    expect(backup.stderr).toContain(
      'Microsoft documents no way to read which secret it holds without its password',
    );
    expect(lab.run('SQL01', getContent('D:\\SSOBackups\\none.txt')).stderr).toContain(
      "Cannot find path 'D:\\SSOBackups\\none.txt' because it does not exist.",
    );
  });
});
