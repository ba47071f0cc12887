import { describe, expect, it } from 'vitest';
import { probeLab, verifyLab, writeLabFile } from '../../src/lab/index.js';
import { createTestLab, LAB_MODES, posixExitCode } from './lab-test-kit.js';

describe.each(LAB_MODES)('tools for the routine runbooks ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });
  // A process's exit status stops at 255 (lab exec says so in its output); in-process the Windows code is kept.
  const windowsExit = (code: number) => (processes ? posixExitCode(code) : code);

  it('sc qc shows the account ENTSSO logs on as and its start type', () => {
    const lab = createLab();
    const qc = lab.run('BTS01', ['sc', 'qc', 'entsso']);
    expect(qc.exitCode).toBe(0);
    expect(qc.stdout).toContain('[SC] QueryServiceConfig SUCCESS');
    expect(qc.stdout).toMatch(/START_TYPE\s+: 2 {3}AUTO_START/);
    expect(qc.stdout).toContain('SERVICE_START_NAME : CONTOSO\\svc-entsso');
    expect(lab.run('SQL01', ['sc', 'qc', 'entsso']).exitCode).toBe(windowsExit(1060));
  });

  it('fsutil tells NTFS fixed disks from a FAT32 removable stick, and needs elevation', () => {
    const lab = createLab();
    expect(lab.run('SSO01', ['fsutil', 'fsinfo', 'volumeinfo', 'C:']).stdout).toContain(
      'File System Name : NTFS',
    );
    expect(lab.run('SSO01', ['fsutil', 'fsinfo', 'volumeinfo', 'E:']).stdout).toContain(
      'File System Name : FAT32',
    );
    expect(lab.run('SSO01', ['fsutil', 'fsinfo', 'drivetype', 'E:']).stdout).toContain(
      'E: - Removable Drive',
    );
    const denied = createLab({ faults: ['not-elevated'] });
    expect(denied.run('BTS01', ['fsutil', 'fsinfo', 'volumeinfo', 'C:']).stdout).toContain(
      'requires that you have administrative privileges',
    );
  });

  it('robocopy copies a file from the admin share of another server (exit 1) and keeps it intact', () => {
    const lab = createLab();
    writeLabFile(lab.dir, 'SSO01', 'C:\\SSOFailover\\move.bak', 'backup bytes');
    const copy = lab.run('BTS01', [
      'robocopy',
      '\\\\SSO01\\C$\\SSOFailover',
      'C:\\SSOFailover',
      'move.bak',
      '/IS',
    ]);
    expect(copy.exitCode).toBe(1);
    const probe = probeLab(lab.dir, 'BTS01', {
      kind: 'file',
      path: 'C:\\SSOFailover\\move.bak',
      exists: true,
    });
    expect(probe.ok).toBe(true);
    expect(
      lab.run('BTS01', ['robocopy', '\\\\SSO01\\C$\\SSOFailover', 'C:\\SSOFailover', 'none.bak']).exitCode,
    ).toBe(0);
    const lost = createLab({ faults: ['mss-lost'] });
    const unreachable = lost.run('BTS01', ['robocopy', '\\\\SSO01\\C$\\SSOBackup', 'C:\\x', 'a.bak']);
    expect(unreachable.exitCode).toBe(16);
    expect(unreachable.stdout).toContain('The network path was not found.');
  });

  it('grades a routine runbook by its own criteria: an untouched lab has no new backup and nothing moved', () => {
    const lab = createLab();
    const name = (id: string) =>
      verifyLab(lab.dir, id)
        .criteria.filter((c) => !c.passed)
        .map((c) => c.name);
    expect(name('verify-sso')).toEqual([]);
    expect(name('back-up-master-secret')).toEqual(['fresh-backup']);
    expect(name('move-master-secret-server')).toEqual(['mss-moved', 'fresh-backup']);
    expect(name('restore-master-secret')).toEqual(['mss-restarted-cleanly']);
  });

  it('verify-sso counts any change but the write test against its read-only criterion', () => {
    const lab = createLab();
    lab.run('BTS01', ['ssomanage', '-setcredentials', 'CONTOSO\\svc-drill', 'SAP_Orders'], 'u\np\n');
    expect(verifyLab(lab.dir, 'verify-sso').passed).toBe(true);
    lab.run('BTS01', ['ssomanage', '-serverall', 'BTS01']);
    expect(verifyLab(lab.dir, 'verify-sso').criteria.find((c) => c.name === 'read-only')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('-serverall'),
    });
  });
});
