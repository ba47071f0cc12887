import { describe, expect, it } from 'vitest';
import { probeLab, readSealedEnvelope, verifyLab, writeLabFile } from '../../src/lab/index.js';
import { createTestLab, failOverTo, NEW_MSS_XML, LAB_MODES, readConfig } from './lab-test-kit.js';

const any = (ids: number[]) => ({ kind: 'event' as const, ids, source: 'ENTSSO', sinceMs: 0, present: true });

describe.each(LAB_MODES)('ssoconfig ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });

  it('refuses to restore on a server that is not the MSS', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const result = lab.run('BTS01', ['ssoconfig', '-restoreSecret', lab.summary.backupPath], 'whatever\n');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'ERROR: 0xC0002A0E : This function can only be performed on the master secret server.',
    );
    expect(probeLab(lab.dir, 'BTS01', any([10766])).ok).toBe(true);
  });

  it('refuses to restore until ENTSSO was restarted after the server was named MSS', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    writeLabFile(lab.dir, 'BTS01', 'C:\\SSOFailover\\NewMSS.xml', NEW_MSS_XML('BTS01'));
    expect(lab.run('BTS01', ['ssomanage', '-updatedb', 'C:\\SSOFailover\\NewMSS.xml']).exitCode).toBe(0);
    const early = lab.run(
      'BTS01',
      ['ssoconfig', '-restoreSecret', lab.summary.backupPath],
      `${readSealedEnvelope(lab.dir).password}\n`,
    );
    expect(early.stdout).toContain('0xC0002A0E');
  });

  it('rejects a wrong password with 0xC0002A1B and event 10779', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const steps = failOverTo(lab, 'BTS01', 'not-the-password');
    expect(steps.restore.exitCode).toBe(1);
    expect(steps.restore.stdout).toContain(
      'ERROR: 0xC0002A1B : An incorrect password was specified for the backup file.',
    );
    expect(probeLab(lab.dir, 'BTS01', any([10779])).ok).toBe(true);
  });

  it('reports a missing backup file', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const steps = failOverTo(lab, 'BTS01', 'x', 'C:\\nowhere\\missing.bak');
    expect(steps.restore.stdout).toContain('ERROR: 0x80070002 : The system cannot find the file specified.');
  });

  it('backs up only on the MSS, with a password of at least 7 characters', () => {
    const lab = createLab();
    const onBts = lab.run('BTS01', ['ssoconfig', '-backupSecret', 'C:\\b.bak'], 'abcdefgh\nabcdefgh\nr\n');
    expect(onBts.stdout).toContain('0xC0002A0E');
    const short = lab.run('SSO01', ['ssoconfig', '-backupSecret', 'C:\\b.bak'], 'abc\nabc\nr\n');
    expect(short.stdout).toContain(
      'ERROR: 0xC0002A54 : The specified password is too short, it must be at least 7 characters.',
    );
    const mismatch = lab.run('SSO01', ['ssoconfig', '-backupSecret', 'C:\\b.bak'], 'abcdefgh\nabcdefgx\nr\n');
    expect(mismatch.stdout).toContain('ERROR: The passwords do not match.');
    const ok = lab.run(
      'SSO01',
      ['SSOCONFIG.EXE', '/BackupSecret', 'C:\\b.bak'],
      'abcdefgh\nabcdefgh\nmy reminder\n',
    );
    expect(ok.stdout).toBe(
      'Password : \r\nConfirm Password : \r\nPassword reminder : \r\nThe operation completed successfully.\r\n',
    );
    expect(probeLab(lab.dir, 'SSO01', any([10559])).ok).toBe(true);
    expect(
      probeLab(lab.dir, 'SSO01', { kind: 'file', path: 'c:/B.BAK', exists: true, maxAgeSec: 36_000 }).ok,
    ).toBe(true);
  });

  it('restores a backup taken by the lab itself and shows its reminder', () => {
    const lab = createLab();
    lab.run('SSO01', ['ssoconfig', '-backupSecret', 'C:\\b.bak'], 'abcdefgh\nabcdefgh\nmy reminder\n');
    const restore = lab.run('SSO01', ['ssoconfig', '-restoreSecret', 'C:\\b.bak'], 'abcdefgh\n');
    expect(restore.stdout).toBe(
      'Password reminder : my reminder\r\nPassword : \r\nThe operation completed successfully.\r\n',
    );
  });

  it('generates a new secret that re-encrypts SSODB, and grading notices', () => {
    const lab = createLab();
    const result = lab.run(
      'SSO01',
      ['ssoconfig', '-generateSecret', 'C:\\new.bak'],
      'abcdefgh\nabcdefgh\nr\n',
    );
    expect(result.exitCode).toBe(0);
    expect(probeLab(lab.dir, 'SSO01', any([10525])).ok).toBe(true);
    expect(probeLab(lab.dir, 'SSO01', any([10528])).ok).toBe(true);
    expect(lab.run('SSO01', readConfig('BizTalk_Config_Store_SMTP_SendHandler')).exitCode).toBe(0);
    const verdict = verifyLab(lab.dir);
    expect(verdict.criteria.find((c) => c.name === 'secret-not-regenerated')?.passed).toBe(false);
    expect(verdict.criteria.find((c) => c.name === 'config-unchanged')?.passed).toBe(true);
  });

  it('shows the SSO database with -showDB', () => {
    const lab = createLab();
    expect(lab.run('BTS02', ['ssoconfig', '-showdb']).stdout).toBe(
      'SQL Server : SQL01\r\nSSO database : SSODB\r\n',
    );
  });

  it('prints usage for an unknown switch', () => {
    const lab = createLab();
    const result = lab.run('SSO01', ['ssoconfig', '-frobnicate']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^Usage: ssoconfig/);
  });
});
