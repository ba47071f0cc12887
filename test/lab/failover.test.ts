import { describe, expect, it } from 'vitest';
import { probeLab, readSealedEnvelope, verifyLab } from '../../src/lab/index.js';
import { createTestLab, failOverTo, sleep, takeFreshBackup, LAB_MODES, readConfig } from './lab-test-kit.js';

describe.each(LAB_MODES)('a complete failover in the lab ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });

  it('passes every grading criterion after the documented procedure', async () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const envelope = readSealedEnvelope(lab.dir);
    const before = lab.run('BTS01', ['ssomanage', '-displaydb']);
    expect(before.stdout).toMatch(/^Using SSO server on this computer\r\n/);
    expect(before.stdout).toContain('SSO secret server name : SSO01\r\n');

    const steps = failOverTo(lab, 'BTS01', envelope.password);
    expect(steps.updatedb.stdout).toContain('The operation completed successfully.');
    expect(steps.start.stdout).toContain(
      'The Enterprise Single Sign-On Service service was started successfully.',
    );
    expect(steps.restore.stdout).toContain(
      `Password reminder : ${envelope.reminder}\r\nPassword : \r\nThe operation completed successfully.`,
    );
    expect(steps.restore.exitCode).toBe(0);

    const since = 0;
    for (const id of [10575, 10534, 10520, 10523]) {
      expect(
        probeLab(lab.dir, 'BTS01', {
          kind: 'event',
          ids: [id],
          source: 'ENTSSO',
          sinceMs: since,
          present: true,
        }).ok,
      ).toBe(true);
    }
    await sleep(20);
    const got = probeLab(lab.dir, 'BTS02', {
      kind: 'event',
      ids: [10529, 10533],
      source: 'ENTSSO',
      sinceMs: since,
      message: 'Secret Server Name: BTS01',
      present: true,
    });
    expect(got.ok).toBe(true);

    expect(lab.run('BTS02', readConfig('BizTalk_Config_Store_SFTP_SendHandler')).exitCode).toBe(0);
    expect(
      lab.run('BTS02', ['ssomanage', '-setcredentials', 'CONTOSO\\svc-drill', 'SAP_Orders'], 'u\np\n')
        .exitCode,
    ).toBe(0);
    expect(verifyLab(lab.dir).passed).toBe(false);
    expect(takeFreshBackup(lab, 'BTS01').exitCode).toBe(0);

    const verdict = verifyLab(lab.dir);
    expect(verdict.criteria.filter((c) => !c.passed)).toEqual([]);
    expect(verdict.passed).toBe(true);
  });

  it('fails grading before anything was done', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const verdict = verifyLab(lab.dir);
    expect(verdict.passed).toBe(false);
    expect(verdict.criteria.find((c) => c.name === 'ssodb-names-live-mss')?.passed).toBe(false);
    expect(verdict.criteria.find((c) => c.name === 'config-unchanged')?.passed).toBe(true);
  });
});
