import { describe, expect, it } from 'vitest';
import { execLabTool, LabInputError, readCommandLog } from '../../src/lab/index.js';
import { createTestLab, LAB_MODES, posixExitCode } from './lab-test-kit.js';

describe.each(LAB_MODES)('simulated Windows tools ($mode)', ({ processes }) => {
  const createLab = (options: Parameters<typeof createTestLab>[0] = {}) =>
    createTestLab({ ...options, processes });
  // A process's exit status stops at 255 (lab exec says so in its output); in-process the Windows code is kept.
  const windowsExit = (code: number) => (processes ? posixExitCode(code) : code);

  it('finds tools by basename, case-insensitively, with or without .exe', () => {
    const lab = createLab();
    const full = 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\SSOManage.exe';
    expect(lab.run('BTS01', [full, '-DisplayDB']).stdout).toContain('SSO secret server name : SSO01');
    expect(lab.run('bts01', ['HOSTNAME.EXE']).stdout).toBe('BTS01\r\n');
  });

  it('rejects an unknown tool or host without changing the lab', () => {
    const lab = createLab();
    expect(() => execLabTool(lab.dir, 'BTS01', ['format', 'C:'])).toThrow(LabInputError);
    expect(() => execLabTool(lab.dir, 'NOPE', ['hostname'])).toThrow(/unknown lab host 'NOPE'/);
    expect(readCommandLog(lab.dir)).toEqual([]);
  });

  it('says an SSO tool is not recognized on the SQL host', () => {
    const lab = createLab();
    const result = lab.run('SQL01', ['ssomanage', '-displaydb']);
    expect(result.exitCode).toBe(windowsExit(9009));
    expect(result.stderr).toContain("'ssomanage' is not recognized as an internal or external command,");
  });

  it('answers net start on a running service with the real error and exit 2', () => {
    const lab = createLab();
    const result = lab.run('BTS01', ['net', 'start', 'entsso']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      'The requested service has already been started.\r\n\r\nMore help is available by typing NET HELPMSG 2182.',
    );
  });

  it('asks before stopping ENTSSO while the host instance depends on it', () => {
    const lab = createLab();
    const no = lab.run('BTS01', ['net', 'stop', 'entsso'], 'n\n');
    expect(no.exitCode).toBe(2);
    expect(no.stdout).toContain('Do you want to continue this operation? (Y/N) [N]: ');
    const yes = lab.run('BTS01', ['net', 'stop', 'entsso'], 'Y\n');
    expect(yes.stdout).toContain('The Enterprise Single Sign-On Service service was stopped successfully.');
    expect(lab.run('BTS01', ['sc', 'query', 'BTSSvc$BizTalkServerApplication']).stdout).toContain(
      '1  STOPPED',
    );
    const started = lab.run('BTS01', ['net', 'start', 'entsso']);
    expect(started.stdout).toBe(
      'The Enterprise Single Sign-On Service service is starting.\r\nThe Enterprise Single Sign-On Service service was started successfully.\r\n\r\n',
    );
  });

  it('shows sc query in the real layout and 1060 for a missing service', () => {
    const lab = createLab();
    expect(lab.run('BTS01', ['sc', 'query', 'entsso']).stdout).toContain(
      'SERVICE_NAME: ENTSSO\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 4  RUNNING',
    );
    const missing = lab.run('SQL01', ['sc', 'query', 'entsso']);
    expect(missing.exitCode).toBe(windowsExit(1060));
    expect(missing.stdout).toContain('FAILED 1060');
  });

  it('shows group membership and elevation with whoami /groups', () => {
    const lab = createLab();
    const out = lab.run('BTS01', ['whoami', '/groups']).stdout;
    expect(out).toContain('BUILTIN\\Administrators');
    expect(out).toContain('CONTOSO\\BizTalk SSO Admins');
    expect(out).toContain('Mandatory Label\\High Mandatory Level');
    expect(lab.run('BTS01', ['whoami']).stdout).toBe('contoso\\bts-operator\r\n');
  });

  it('queries SSOSS on the MSS and reports a missing key elsewhere', () => {
    const lab = createLab();
    const mss = lab.run('SSO01', ['reg', 'query', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS']);
    expect(mss.exitCode).toBe(0);
    expect(mss.stdout).toMatch(/HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS\\\{[0-9A-F-]{36}\}/);
    const bts = lab.run('BTS01', ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS']);
    expect(bts).toMatchObject({
      exitCode: 1,
      stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
    });
  });

  it('reads the Application log with wevtutil, filtered by event id, newest first', () => {
    const lab = createLab();
    const out = lab.run('SSO01', [
      'wevtutil',
      'qe',
      'Application',
      '/c:1',
      '/rd:true',
      '/f:text',
      '/q:*[System[(EventID=10534)]]',
    ]).stdout;
    expect(out).toMatch(
      /^Event\[0\]:\r\n {2}Log Name: Application\r\n {2}Source: ENTSSO\r\n {2}Date: \d{4}-/,
    );
    expect(out).toContain('  Event ID: 10534\r\n');
    expect(out).toContain('This computer is the master secret server.');
    expect(out.match(/Event\[/g)).toHaveLength(1);
  });

  it('records every command with its exit code, never stdin', () => {
    const lab = createLab();
    lab.run('SSO01', ['ssoconfig', '-backupSecret', 'C:\\b.bak'], 'Secret-Pass-1\nSecret-Pass-1\nr\n');
    lab.run('BTS01', ['net', 'start', 'entsso']);
    const log = readCommandLog(lab.dir);
    expect(log.map((e) => [e.host, e.argv[0], e.exitCode])).toEqual([
      ['SSO01', 'ssoconfig', 0],
      ['BTS01', 'net', 2],
    ]);
    expect(JSON.stringify(log)).not.toContain('Secret-Pass-1');
  });
});
