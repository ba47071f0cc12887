import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LAB_TOOLS } from '../../src/lab/tools/lab-tools.js';
import { createTestLab, execAsProcess } from './lab-test-kit.js';

/**
 * The lab's rule and fault tests run the tools in-process (fast). The lab transport runs each tool as its own
 * `sso-failover lab exec` process: one smoke command per tool proves that path gives the same answer, with
 * the same exit code, as the in-process call on the same lab. Read-only commands, so both see one state.
 */
const SMOKE: Record<string, { host: string; argv: string[] }> = {
  ssoconfig: { host: 'BTS02', argv: ['ssoconfig', '-showdb'] },
  ssomanage: { host: 'BTS01', argv: ['ssomanage', '-displaydb'] },
  net: { host: 'BTS01', argv: ['net', 'start', 'entsso'] },
  sc: { host: 'BTS01', argv: ['sc', 'query', 'entsso'] },
  reg: { host: 'SSO01', argv: ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS'] },
  whoami: { host: 'BTS01', argv: ['whoami', '/groups'] },
  hostname: { host: 'SSO01', argv: ['hostname'] },
  wevtutil: {
    host: 'SSO01',
    argv: ['wevtutil', 'qe', 'Application', '/c:1', '/rd:true', '/f:text', '/q:*[System[(EventID=10534)]]'],
  },
  certutil: { host: 'SSO01', argv: ['certutil', '-hashfile', 'C:\\SSOBackup\\SSO-backup.bak', 'SHA256'] },
  fsutil: { host: 'SSO01', argv: ['fsutil', 'fsinfo', 'volumeinfo', 'C:'] },
  robocopy: {
    host: 'BTS01',
    argv: ['robocopy', '\\\\SSO01\\C$\\SSOFailover', 'C:\\SSOFailover', 'none.bak'],
  },
  powershell: { host: 'SSO01', argv: ['powershell', '-NoProfile', '-Command', 'Get-Service ENTSSO'] },
  // no DR site in this lab: the production SQL Server answers no log-shipping query (refused, exit 1)
  sqlcmd: { host: 'BTS01', argv: ['sqlcmd', '-S', 'SQL01', '-E', '-Q', 'SELECT 1'] },
};

describe('every lab tool as a real `lab exec` process', () => {
  it('has a smoke command for every tool the lab knows', () => {
    expect(Object.keys(SMOKE).sort()).toEqual(Object.keys(LAB_TOOLS).sort());
  });

  for (const [tool, { host, argv }] of Object.entries(SMOKE)) {
    it(`${tool}: the process prints and exits as the in-process tool does`, () => {
      const lab = createTestLab();
      const expected = lab.run(host, argv);
      const seen = execAsProcess(lab.dir, host, argv);
      // Lab time moves on while the process starts: clock readings are the one permitted difference.
      const clockless = (text: string) => text.replace(/\d{1,2}:\d{2}:\d{2}/g, 'hh:mm:ss');
      expect(clockless(seen.stdout)).toBe(clockless(expected.stdout));
      expect(seen.stderr).toBe(expected.stderr);
      expect(seen.exitCode).toBe(expected.exitCode > 255 ? 1 : expected.exitCode);
    });
  }
});

// The built transport: from the .ts sources, `../lab-tool.js` next to it would not exist.
const { createLabTransport } = (await import(
  '../../dist/transports/lab.js' as string
)) as typeof import('../../src/transports/lab.js');

describe("the lab transport's process runner", () => {
  it("runs exec, probe and write through the lab's own entry point, each as a real process", async () => {
    const lab = createTestLab();
    const transport = createLabTransport(lab.dir);
    const exec = await transport.exec('BTS01', ['ssomanage', '-displaydb']);
    expect(exec.exitCode).toBe(0);
    expect(exec.stdout).toBe(lab.run('BTS01', ['ssomanage', '-displaydb']).stdout);
    const probe = await transport.probe('BTS01', { kind: 'service', name: 'ENTSSO', state: 'running' });
    expect(probe.ok).toBe(true);
    const path = 'C:\\SSOFailover\\note.txt';
    expect((await transport.writeFile('BTS01', path, 'written by a process\n')).exitCode).toBe(0);
    const sha256 = createHash('sha256').update('written by a process\n').digest('hex');
    const written = await transport.probe('BTS01', { kind: 'file', path, exists: true, sha256 });
    expect(written).toMatchObject({ ok: true });
  });

  it('refuses a lab folder that is not there in one line, exit 2, as `sso-failover lab` does', async () => {
    const result = await createLabTransport('/nonexistent/lab').exec('BTS01', ['hostname']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('no lab in /nonexistent/lab')]);
  });
});
