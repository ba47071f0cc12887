import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FAULTS, probeLab, readLabStatus, readSealedEnvelope, verifyLab } from '../../src/lab/index.js';
import {
  BIZTALK_SERVICES,
  createTestLab,
  failOverTo,
  LAB_MODES,
  sleep,
  takeFreshBackup,
  readConfig,
} from './lab-test-kit.js';

const ps = (script: string) => ['powershell', '-NoProfile', '-Command', script];
const BEHIND_QUERY =
  'SET NOCOUNT ON; SELECT COUNT(*) FROM (SELECT DatabaseName FROM master.dbo.bts_LogShippingHistory WHERE Restored = 0 GROUP BY DatabaseName HAVING COUNT(*) > 1) AS behind';
const SET_CREDENTIALS = ['ssomanage', '-setcredentials', 'CONTOSO\\svc-drill', 'SAP_Orders'];

const event = (ids: number[], present = true) => ({
  kind: 'event' as const,
  ids,
  source: 'ENTSSO',
  sinceMs: 0,
  present,
});

describe.each(LAB_MODES)('faults ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });

  it('mss-lost: the MSS is powered off and the BizTalk servers warn 10532 but keep their secret', async () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const unreachable = lab.run('SSO01', ['hostname']);
    expect(unreachable).toEqual({
      exitCode: 255,
      stdout: '',
      stderr: 'lab: host SSO01 is unreachable (powered off)\r\n',
    });
    await sleep(10);
    expect(probeLab(lab.dir, 'BTS01', event([10532])).ok).toBe(true);
    expect(readLabStatus(lab.dir).servers.find((s) => s.name === 'BTS01')?.cachedMsid).toMatch(/^\{/);
  });

  it('wrong-password: the envelope password fails, its correction works', () => {
    const lab = createLab({ faults: ['wrong-password'] });
    const envelope = readSealedEnvelope(lab.dir);
    expect(envelope.correctedPassword).toBeDefined();
    expect(envelope.correctedPassword).not.toBe(envelope.password);
    const steps = failOverTo(lab, 'BTS01', envelope.password);
    expect(steps.restore.stdout).toContain('0xC0002A1B');
    const retry = lab.run(
      'BTS01',
      ['ssoconfig', '-restoreSecret', envelope.backupPath],
      `${envelope.correctedPassword}\n`,
    );
    expect(retry.stdout).toContain('The operation completed successfully.');
  });

  it('corrupt-backup: restore fails with 10564; the second copy works', () => {
    const lab = createLab({ faults: ['corrupt-backup'] });
    const envelope = readSealedEnvelope(lab.dir);
    const steps = failOverTo(lab, 'BTS01', envelope.password);
    expect(steps.restore.stdout).toContain(
      'ERROR: 0xC0002944 : The backup file does not have the correct format.',
    );
    expect(probeLab(lab.dir, 'BTS01', event([10564])).ok).toBe(true);
    const retry = lab.run(
      'BTS01',
      ['ssoconfig', '-restoreSecret', envelope.secondBackupPath!],
      `${envelope.password}\n`,
    );
    expect(retry.exitCode).toBe(0);
  });

  it('foreign-backup: restore fails with 0xC0002A3F (10815)', () => {
    const lab = createLab({ faults: ['foreign-backup'] });
    const steps = failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    expect(steps.restore.stdout).toContain('ERROR: 0xC0002A3F : Incorrect master secret.');
    expect(probeLab(lab.dir, 'BTS01', event([10815])).ok).toBe(true);
  });

  it('stale-backup: restore succeeds but the MSID does not match SSODB (10520, 10783)', async () => {
    const lab = createLab({ faults: ['stale-backup'] });
    const envelope = readSealedEnvelope(lab.dir);
    const steps = failOverTo(lab, 'BTS01', envelope.password);
    expect(steps.restore.stdout).toContain('The operation completed successfully.');
    expect(lab.run('BTS01', readConfig('BizTalk_Config_Store_SMTP_SendHandler')).stderr).toContain(
      '0xC0002A1F',
    );
    await sleep(20);
    expect(
      probeLab(lab.dir, 'BTS01', { ...event([10520]), message: 'No secrets were found in the registry' }).ok,
    ).toBe(true);
    expect(verifyLab(lab.dir).criteria.find((c) => c.name === 'mss-holds-matching-secret')?.passed).toBe(
      false,
    );
    lab.run('BTS01', ['ssoconfig', '-restoreSecret', envelope.secondBackupPath!], `${envelope.password}\n`);
    expect(lab.run('BTS01', readConfig('BizTalk_Config_Store_SMTP_SendHandler')).exitCode).toBe(0);
  });

  it('operator-not-sso-admin: admin operations fail with 0xC0002A14 (10772)', () => {
    const lab = createLab({ faults: ['operator-not-sso-admin'] });
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toContain(
      'ERROR: 0xC0002A14 : The user is not a member of the specified SSO Administrators account.',
    );
    expect(probeLab(lab.dir, 'BTS01', event([10772])).ok).toBe(true);
    expect(lab.run('BTS01', ['whoami', '/groups']).stdout).not.toContain('BizTalk SSO Admins');
  });

  it('not-elevated: SSO tools fail with 0xC0002A13 and net start with access denied', () => {
    const lab = createLab({ faults: ['not-elevated'] });
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toContain(
      'ERROR: 0xC0002A13 : This function can only be performed by a local administrator.',
    );
    expect(lab.run('BTS01', ['net', 'stop', 'entsso']).stderr).toContain(
      'System error 5 has occurred.\r\n\r\nAccess is denied.',
    );
    expect(lab.run('BTS01', ['whoami', '/groups']).stdout).toContain(
      'Mandatory Label\\Medium Mandatory Level',
    );
  });

  it('service-account-not-admin: ENTSSO on the first BizTalk server will not start again (10550)', () => {
    const lab = createLab({ faults: ['service-account-not-admin'] });
    lab.run('BTS01', ['net', 'stop', 'entsso', '/y']);
    const start = lab.run('BTS01', ['net', 'start', 'entsso']);
    expect(start.exitCode).toBe(2);
    expect(start.stderr).toContain('A service specific error occurred: 10550.');
    expect(probeLab(lab.dir, 'BTS01', event([10550])).ok).toBe(true);
    expect(probeLab(lab.dir, 'BTS01', { kind: 'service', name: 'ENTSSO', state: 'stopped' }).ok).toBe(true);
  });

  it('sql-unreachable: SSODB operations fail and ENTSSO cannot start (10513)', () => {
    const lab = createLab({ faults: ['sql-unreachable'] });
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toContain(
      "ERROR: 0xC0002911 : Could not contact the SSO database 'SSODB'",
    );
    expect(probeLab(lab.dir, 'BTS01', { kind: 'port', host: 'SQL01', port: 1433 }).ok).toBe(false);
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    expect(lab.run('BTS02', ['net', 'start', 'entsso']).stderr).toContain('10513');
  });

  it('version-mismatch: ENTSSO on the last BizTalk server will not start again (10728)', () => {
    const lab = createLab({ faults: ['version-mismatch'] });
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    expect(lab.run('BTS02', ['net', 'start', 'entsso']).stderr).toContain(
      'A service specific error occurred: 10728.',
    );
    expect(
      probeLab(lab.dir, 'BTS02', { ...event([10728]), message: 'Please upgrade your master secret server' })
        .ok,
    ).toBe(true);
  });

  it('slow-service-start: net start gives up with NET HELPMSG 2186 and ENTSSO stays start-pending', () => {
    // Each lab process takes ~0.2 s of real time: at a lower scale net start still gives up before ENTSSO is up.
    const lab = createLab({ faults: ['slow-service-start'], timeScale: processes ? 60 : 600 });
    lab.run('BTS01', ['net', 'stop', 'entsso', '/y']);
    const start = lab.run('BTS01', ['net', 'start', 'entsso']);
    expect(start.exitCode).toBe(2);
    expect(start.stderr).toContain('The service is not responding to the control function.');
    const pending = probeLab(lab.dir, 'BTS01', { kind: 'service', name: 'ENTSSO', state: 'start-pending' });
    expect(pending).toEqual({ ok: true, observed: 'ENTSSO on BTS01 is start-pending' });
    expect(lab.run('BTS01', ['sc', 'query', 'entsso']).stdout).toContain(
      'STATE              : 2  START_PENDING',
    );
  });

  it('old-mss-returns: the old MSS comes back still acting as MSS until its ENTSSO restarts', async () => {
    const lab = createLab({ faults: ['old-mss-returns'] });
    expect(lab.run('SSO01', ['hostname']).stderr).toContain('unreachable (network unreachable)');
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    takeFreshBackup(lab, 'BTS01');
    await sleep(80);
    expect(lab.run('SSO01', ['hostname']).exitCode).toBe(0);
    const verdict = verifyLab(lab.dir);
    expect(verdict.criteria.find((c) => c.name === 'old-mss-not-acting')).toMatchObject({ passed: false });
    lab.run('SSO01', ['net', 'stop', 'entsso']);
    lab.run('SSO01', ['net', 'start', 'entsso']);
    await sleep(20);
    expect(verifyLab(lab.dir).passed).toBe(true);
  });

  it('rpc-blocked: nobody reaches the first BizTalk server over RPC', async () => {
    const lab = createLab({ faults: ['rpc-blocked'] });
    expect(probeLab(lab.dir, 'BTS02', { kind: 'port', host: 'BTS01', port: 135 }).ok).toBe(false);
    lab.run('BTS02', ['ssomanage', '-server', 'BTS01']);
    expect(lab.run('BTS02', ['ssomanage', '-displaydb']).stdout).toContain('0x800706BA');
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    await sleep(20);
    expect(probeLab(lab.dir, 'BTS02', { ...event([10532]), message: 'Secret Server Name: BTS01' }).ok).toBe(
      true,
    );
  });

  it('service-account-changed: the live MSS cannot read its own secret (10565, 10521) until it is restored', async () => {
    const lab = createLab({ faults: ['service-account-changed'] });
    expect(lab.summary.faults).toEqual(['service-account-changed']);
    expect(lab.run('SSO01', ['hostname']).exitCode).toBe(0);
    expect(lab.run('SSO01', ['sc', 'qc', 'entsso']).stdout).toContain(
      'SERVICE_START_NAME : CONTOSO\\svc-entsso-mss',
    );
    expect(probeLab(lab.dir, 'SSO01', event([10565])).ok).toBe(true);
    expect(probeLab(lab.dir, 'SSO01', event([10521])).ok).toBe(true);
    const config = readConfig('BizTalk_Config_Store_SMTP_SendHandler');
    expect(lab.run('SSO01', config).stderr).toContain('0xC0002A1F');
    // the BizTalk servers read on their cached secret but cannot encrypt
    expect(lab.run('BTS01', config).exitCode).toBe(0);
    expect(verifyLab(lab.dir).criteria.find((c) => c.name === 'config-writes')?.passed).toBe(false);
    await sleep(10);
    expect(probeLab(lab.dir, 'BTS01', event([10532])).ok).toBe(true);
    const envelope = readSealedEnvelope(lab.dir);
    const restore = lab.run(
      'SSO01',
      ['ssoconfig', '-restoreSecret', envelope.backupPath],
      `${envelope.password}\n`,
    );
    expect(restore.stdout).toContain('The operation completed successfully.');
    lab.run('SSO01', ['net', 'stop', 'entsso', '/y']);
    lab.run('SSO01', ['net', 'start', 'entsso']);
    await sleep(20);
    expect(lab.run('SSO01', config).exitCode).toBe(0);
    expect(verifyLab(lab.dir, 'restore-master-secret').passed).toBe(true);
  });

  it('cluster-node-lost: the owning node is down, the group Failed, writes fail; mss-lost is not implied', () => {
    const lab = createLab({ faults: ['cluster-node-lost'] });
    expect(lab.summary.faults).toEqual(['cluster-node-lost']);
    expect(lab.summary.cluster?.ownerNode).toBe('SSOCL01');
    expect(lab.run('SSOCL01', ['hostname']).stderr).toContain('unreachable (powered off)');
    const group = lab.run('SSOCL02', ps("Get-ClusterGroup -Name 'SSO' | Format-List OwnerNode,State"));
    expect(group.stdout).toMatch(/OwnerNode : SSOCL01\r\nState {5}: Failed/);
    const cluster = { ...event([1135, 1254]), source: 'Microsoft-Windows-FailoverClustering' };
    expect(probeLab(lab.dir, 'SSOCL02', cluster).ok).toBe(true);
    // reads go on on the cached secret; nothing new can be encrypted
    expect(lab.run('BTS01', ['ssomanage', '-displayapp', 'SAP_Orders']).exitCode).toBe(0);
    expect(lab.run('BTS01', SET_CREDENTIALS, 'a\na\n').stdout).toContain('0xC0002A1F');
    expect(verifyLab(lab.dir).criteria.find((c) => c.name === 'config-writes')?.passed).toBe(false);
  });

  it('entsso-outside-cluster: after the group moves to the passive node, RPC to the MSS fails with 0x800706D9', async () => {
    const lab = createLab({ faults: ['entsso-outside-cluster'] });
    expect(lab.summary.faults).toEqual(['entsso-outside-cluster']);
    // what the runbook checks before the move: ENTSSO runs on the passive node, set to start automatically
    expect(lab.run('SSOCL02', ['sc', 'query', 'entsso']).stdout).toMatch(/STATE\s*:\s*4\s+RUNNING/);
    expect(lab.run('SSOCL02', ['sc', 'qc', 'entsso']).stdout).toMatch(/START_TYPE\s*:\s*2\s+AUTO_START/);
    expect(lab.run('SSOCL01', ps("Move-ClusterGroup -Name 'SSO' -Node SSOCL02")).exitCode).toBe(0);
    const display = lab.run('SSOCL01', ['ssomanage', '-displaydb']);
    expect(display.stdout).toContain(
      'ERROR: 0x800706D9: There are no more endpoints available from the endpoint mapper.',
    );
    expect(lab.run('BTS01', SET_CREDENTIALS, 'a\na\n').exitCode).toBe(1);
    await sleep(10);
    const lost = { ...event([10532]), message: '0x800706D9' };
    expect(probeLab(lab.dir, 'BTS01', lost).ok).toBe(true);
    expect(verifyLab(lab.dir).criteria.find((c) => c.name === 'entsso-under-cluster')?.passed).toBe(false);
    // the fix (F15): the resource offline and online, so the cluster itself starts ENTSSO there
    const resource = "-Name 'Enterprise Single Sign-On Service'";
    lab.run('SSOCL01', ps(`Stop-ClusterResource ${resource}`));
    lab.run('SSOCL01', ps(`Start-ClusterResource ${resource}`));
    expect(lab.run('SSOCL01', ['ssomanage', '-displaydb']).exitCode).toBe(0);
  });

  it('secret-pickup-stuck: the last BizTalk server keeps the old secret until its ENTSSO restarts', async () => {
    const lab = createLab({ faults: ['secret-pickup-stuck'] });
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    await sleep(80);
    const stuck = verifyLab(lab.dir).criteria.find((c) => c.name === 'servers-fetched-from-mss');
    expect(stuck).toMatchObject({ passed: false, detail: 'not fetched from the MSS: BTS02' });
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    lab.run('BTS02', ['net', 'start', 'entsso']);
    for (const name of BIZTALK_SERVICES) lab.run('BTS02', ['net', 'start', name]);
    takeFreshBackup(lab, 'BTS01');
    const verdict = verifyLab(lab.dir);
    expect(verdict.passed).toBe(true);
    expect(verdict.criteria.find((c) => c.name === 'no-processing-outage')?.detail).toContain(
      'BTS02: it had not fetched the secret from BTS01',
    );
  });

  it('grades a stop of BizTalk processing that nothing needed as an outage', async () => {
    const lab = createLab({ faults: ['mss-lost'] });
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    await sleep(80);
    // BTS02 already fetched the secret from BTS01: restarting it stops processing for nothing
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    lab.run('BTS02', ['net', 'start', 'entsso']);
    for (const name of BIZTALK_SERVICES) lab.run('BTS02', ['net', 'start', name]);
    expect(verifyLab(lab.dir).criteria.find((c) => c.name === 'no-processing-outage')).toMatchObject({
      passed: false,
      detail:
        'BizTalk services were stopped where nothing needed it: BTSSvc$BizTalkServerApplication, BTSSvc$TrackingHost, RuleEngineUpdateService on BTS02',
    });
  });

  it('event-log-rolled: no ENTSSO event from before the drill is left, and the MSS stays up', () => {
    const lab = createLab({ faults: ['event-log-rolled'] });
    expect(lab.summary.faults).toEqual(['event-log-rolled']);
    const query = ['wevtutil', 'qe', 'Application', '/c:1', '/rd:true', '/f:text'];
    expect(lab.run('BTS01', query).stdout).toBe('');
    expect(lab.run('SSO01', ['hostname']).exitCode).toBe(0);
  });

  it('site-lost: production is powered off; the DR servers point at SQL01 and ENTSSO there cannot start', () => {
    const lab = createLab({ faults: ['site-lost'] });
    expect(lab.summary.faults).toEqual(['site-lost']);
    expect(lab.run('SSO01', ['hostname']).exitCode).toBe(255);
    expect(lab.run('SQL01', ['hostname']).exitCode).toBe(255);
    expect(lab.run('DRSSO01', ['ssoconfig', '-showDB']).stdout).toBe(
      'SQL Server : SQL01\r\nSSO database : SSODB\r\n',
    );
    const start = lab.run('DRSSO01', ['net', 'start', 'entsso']);
    expect(start.stdout + start.stderr).toContain('10513');
  });

  it('ssodb-behind-mark: SSODB has more than the marked log backup set left to restore', () => {
    const lab = createLab({ faults: ['ssodb-behind-mark'] });
    expect(lab.summary.faults).toEqual(['site-lost', 'ssodb-behind-mark']);
    const behind = lab.run('SQL02', ['sqlcmd', '-S', 'SQL02', '-E', '-Q', BEHIND_QUERY]);
    expect(behind.stdout.trim()).toBe('1');
  });

  it('dr-backup-missing: the DR MSS holds no copy of the master secret backup', () => {
    const lab = createLab({ faults: ['dr-backup-missing'] });
    expect(
      probeLab(lab.dir, 'DRSSO01', { kind: 'file', path: lab.summary.backupPath, exists: true }).ok,
    ).toBe(false);
    expect(
      probeLab(lab.dir, 'DRBTS01', { kind: 'file', path: lab.summary.backupPath, exists: true }).ok,
    ).toBe(false);
  });

  it('server-rebuilt: SSO03 runs ENTSSO against SSODB but holds no secret and no BizTalk host', () => {
    const lab = createLab({ faults: ['server-rebuilt'] });
    expect(lab.summary.faults).toEqual(['mss-lost', 'server-rebuilt']);
    const sso03 = readLabStatus(lab.dir).servers.find((s) => s.name === 'SSO03');
    expect(sso03?.cachedMsid).toBeUndefined();
    expect(lab.run('SSO03', ['ssoconfig', '-showDB']).stdout).toContain('SSO database : SSODB');
    expect(probeLab(lab.dir, 'SSO03', { kind: 'service', name: 'ENTSSO', state: 'running' }).ok).toBe(true);
  });

  it('join-wrong-database: SSO03 shows the database name it joined with, and its ENTSSO cannot start (10513)', () => {
    const lab = createLab({ faults: ['join-wrong-database'] });
    expect(lab.run('SSO03', ['ssoconfig', '-showDB']).stdout).toContain('SSO database : SSODB_OLD');
    const start = lab.run('SSO03', ['net', 'start', 'entsso']);
    expect(start.stdout + start.stderr).toContain('10513');
  });

  it('join-wrong-sql-server: SSO03 shows the SQL Server it joined with, and its ENTSSO cannot start (10513)', () => {
    const lab = createLab({ faults: ['join-wrong-sql-server'] });
    expect(lab.run('SSO03', ['ssoconfig', '-showDB']).stdout).toContain('SQL Server : SQL01OLD');
    const start = lab.run('SSO03', ['net', 'start', 'entsso']);
    expect(start.stdout + start.stderr).toContain('10513');
  });

  it('has a test in this file for every fault the registry lists', () => {
    const source = readFileSync(import.meta.filename, 'utf8');
    const untested = FAULTS.map((fault) => fault.name).filter(
      (name) => !source.includes(`faults: ['${name}'`) && !source.includes(`'${name}']`),
    );
    expect(untested).toEqual([]);
  });

  it('registers each fault once, with a description and the symptom an operator sees', () => {
    const names = FAULTS.map((fault) => fault.name);
    expect(new Set(names).size).toBe(names.length);
    for (const fault of FAULTS) {
      expect(fault.description, fault.name).toMatch(/\S.*\.$/);
      expect(fault.symptom, fault.name).toMatch(/\S/);
    }
  });
});
