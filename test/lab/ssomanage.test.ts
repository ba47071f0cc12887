import { describe, expect, it } from 'vitest';
import { probeLab, readSealedEnvelope, writeLabFile } from '../../src/lab/index.js';
import { createTestLab, failOverTo, NEW_MSS_XML, sleep, LAB_MODES, readConfig } from './lab-test-kit.js';

const RPC = 'ERROR: 0x800706BA: The RPC server is unavailable.';

describe.each(LAB_MODES)('ssomanage ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });

  it('shows the SSODB global info with the documented labels', () => {
    const lab = createLab();
    const out = lab.run('BTS02', ['ssomanage', '-displaydb']).stdout;
    for (const line of [
      'SQL Server : SQL01',
      'SSO database : SSODB',
      'SSO secret server name : SSO01',
      'Ticket timeout (in minutes) : 2',
      'Credential cache timeout (in minutes) : 60',
      '  SSO enabled : Yes',
    ]) {
      expect(out).toContain(`${line}\r\n`);
    }
  });

  it('talks to the SSO server set with -server and fails with RPC errors when it is dead', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    expect(lab.run('BTS01', ['ssomanage', '-server', 'SSO01']).exitCode).toBe(0);
    const dead = lab.run('BTS01', ['ssomanage', '-displaydb']);
    expect(dead.stdout).toBe(`Using SSO server : SSO01\r\n\r\n${RPC}\r\n`);
    expect(dead.exitCode).toBe(1);
    lab.run('BTS01', ['ssomanage', '-server', 'BTS02']);
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toMatch(/^Using SSO server : BTS02\r\n/);
    expect(lab.run('BTS01', ['ssomanage', '-showserver']).stdout).toContain(
      "Current user's SSO server : BTS02",
    );
  });

  it('fails with RPC errors when ENTSSO is stopped on the server it talks to', () => {
    const lab = createLab();
    lab.run('BTS01', ['net', 'stop', 'entsso', '/y']);
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toContain(RPC);
  });

  it('needs local admin rights for -serverall', () => {
    const lab = createLab({ faults: ['not-elevated'] });
    expect(lab.run('BTS01', ['ssomanage', '-serverall', 'BTS02']).stdout).toContain(
      'ERROR: 0xC0002A13 : This function can only be performed by a local administrator.',
    );
    expect(lab.run('BTS01', ['ssomanage', '-server', 'BTS02']).exitCode).toBe(0);
  });

  it('refuses -updatedb with more than secretServer away from the MSS', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    const xml =
      '<sso><globalInfo><secretServer>BTS01</secretServer><ssoAdminAccount>CONTOSO\\X</ssoAdminAccount></globalInfo></sso>';
    writeLabFile(lab.dir, 'BTS01', 'C:\\SSOFailover\\Full.xml', xml);
    const result = lab.run('BTS01', ['ssomanage', '-updatedb', 'C:\\SSOFailover\\Full.xml']);
    expect(result.stdout).toContain('0xC0002A0E');
    expect(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout).toContain('SSO secret server name : SSO01');
  });

  it('rejects malformed XML such as the <globalnfo> typo with a clear error', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    writeLabFile(
      lab.dir,
      'BTS01',
      'C:\\x.xml',
      '<sso><globalnfo><secretServer>BTS01</secretServer></globalInfo></sso>',
    );
    const result = lab.run('BTS01', ['ssomanage', '-updatedb', 'C:\\x.xml']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /ERROR: 0x80004005 : The XML file 'C:\\x.xml' is not valid: end tag 'globalInfo' does not match/,
    );
  });

  it('logs 10575 with new and old secret server, tracking id, client computer and user', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    writeLabFile(lab.dir, 'BTS02', 'C:\\n.xml', NEW_MSS_XML('BTS01'));
    expect(lab.run('BTS02', ['ssomanage', '-updatedb', 'C:\\n.xml']).exitCode).toBe(0);
    const probe = { kind: 'event' as const, ids: [10575], source: 'ENTSSO', sinceMs: 0, present: true };
    const message =
      'New Secret Server: BTS01\\s+Old Secret Server: SSO01\\s+Tracking ID: \\{[0-9A-F-]+\\}\\s+Client Computer: BTS02\\s+Client User: CONTOSO';
    expect(probeLab(lab.dir, 'BTS02', { ...probe, message }).ok).toBe(true);
  });

  it('lists config-store apps only with -listapps all', () => {
    const lab = createLab();
    expect(lab.run('BTS01', ['ssomanage', '-listapps']).stdout).not.toContain('BizTalk_Config_Store');
    expect(lab.run('BTS01', ['ssomanage', '-listapps', 'all']).stdout).toContain(
      '(C) BizTalk_Config_Store_FILE_ReceiveHandler',
    );
  });

  it('keeps reading but stops writing on the cached secret while the MSS is down', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    expect(lab.run('BTS01', readConfig('BizTalk_Config_Store_FILE_ReceiveHandler')).stdout).toContain(
      'Values read : ',
    );
    const write = lab.run(
      'BTS01',
      ['ssomanage', '-setcredentials', 'CONTOSO\\svc-drill', 'SAP_Orders'],
      'u\np\n',
    );
    expect(write.stdout).toContain(
      'ERROR: 0xC0002A1F : Cannot perform encryption or decryption because the secret is not available from the master secret server.',
    );
    expect(
      probeLab(lab.dir, 'BTS01', { kind: 'event', ids: [10783], source: 'ENTSSO', sinceMs: 0, present: true })
        .ok,
    ).toBe(true);
  });

  it('loses the cached secret when ENTSSO restarts while the MSS is down', () => {
    const lab = createLab({ faults: ['mss-lost'] });
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    const start = lab.run('BTS02', ['net', 'start', 'entsso']);
    expect(start.exitCode).toBe(0);
    expect(lab.run('BTS02', readConfig('BizTalk_Config_Store_FILE_ReceiveHandler')).stderr).toContain(
      '0xC0002A1F',
    );
    expect(lab.run('BTS02', ['net', 'start', 'BTSSvc$BizTalkServerApplication']).stderr).toContain(
      'could not be started',
    );
    // -displayapp reads the application's properties, not its values: it prints them without the secret
    const display = lab.run('BTS02', [
      'ssomanage',
      '-displayapp',
      'BizTalk_Config_Store_FILE_ReceiveHandler',
    ]);
    expect(display.exitCode).toBe(0);
    expect(display.stdout).toContain('(1) FileMask');
    expect(display.stdout).not.toContain('*.xml');
  });

  it('lets a server that was restarted during the outage recover once the new MSS has the secret', async () => {
    const lab = createLab({ faults: ['mss-lost'] });
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    lab.run('BTS02', ['net', 'start', 'entsso']);
    failOverTo(lab, 'BTS01', readSealedEnvelope(lab.dir).password);
    await sleep(20);
    expect(lab.run('BTS02', ['ssomanage', '-displayapp', 'SAP_Orders']).exitCode).toBe(0);
    expect(lab.run('BTS02', ['net', 'start', 'BTSSvc$BizTalkServerApplication']).exitCode).toBe(0);
  });

  it('lists mappings by application and by account, shows the database it uses, and sets SSL for the next start', () => {
    const lab = createTestLab();
    expect(lab.run('BTS01', ['ssomanage', '-listmappings', 'SAP_Orders']).stdout).toContain(
      '(E) CONTOSO\\svc-orders',
    );
    expect(lab.run('BTS01', ['ssomanage', '-listmappings', 'CONTOSO\\svc-drill', 'SAP_Orders']).stdout).toBe(
      'Using SSO server on this computer\r\n\r\n(E) CONTOSO\\svc-drill : SAP_Orders\r\n',
    );
    expect(lab.run('BTS01', ['ssomanage', '-listmappings', 'Nope']).stdout).toContain('0xC0002A04');
    expect(lab.run('BTS01', ['ssomanage', '-showdb']).stdout).toBe(
      'SQL Server : SQL01\r\nSSO database : SSODB\r\n',
    );
    expect(lab.run('BTS01', ['ssoconfig', '-setSSL', 'no']).stdout).toContain(
      'The operation completed successfully.',
    );
    lab.run('BTS01', ['net', 'stop', 'entsso', '/y']);
    lab.run('BTS01', ['net', 'start', 'entsso']);
    const started = lab.run('BTS01', [
      'wevtutil',
      'qe',
      'Application',
      '/c:1',
      '/rd:true',
      '/f:text',
      "/q:*[System[Provider[@Name='ENTSSO'] and (EventID=10501 or EventID=10611)]]",
    ]);
    expect(started.stdout).toContain('Event ID: 10611');
    expect(started.stdout).toContain(
      ' Not using SSL. See documentation for details on how to secure the SQL Server connection.',
    );
  });
});
