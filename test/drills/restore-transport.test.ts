import { describe, expect, it } from 'vitest';
import { execLabTool, initLab, readSealedEnvelope } from '../../src/lab/index.js';
import { interopRestore } from '../lab/lab-test-kit.js';
import { makeTempDir, runDrill } from '../support/run-cli.js';

describe('a restore where no console exists', () => {
  it('fails the drill of a runbook that pipes the password into ssoconfig, at that step', () => {
    const { result, events } = runDrill({ runbook: 'test/fixtures/pipes-password-into-ssoconfig.yaml' });
    expect(result.status).toBe(1);
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({
      outcome: 'aborted',
      stepId: 'restore-master-secret',
    });
    expect(result.stdout).toContain('ERROR: 0x80070006 : The handle is invalid.');
  });

  it('restores through ISSOConfigSS with the password on the script stdin, and ssoconfig at a console', () => {
    const dir = `${makeTempDir('sso-interop-')}/lab`;
    const summary = initLab({ dir, timeScale: 6000, faults: ['service-account-changed'] });
    const { password } = readSealedEnvelope(dir);
    const file = summary.backupPath;
    const ps = (stdin: string) => execLabTool(dir, 'SSO01', interopRestore(file), { stdin });
    const wrong = ps('not-the-password\n');
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain(
      'Exception calling "RestoreSecret" with "2" argument(s): "An incorrect password was specified for the backup file. (Exception from HRESULT: 0xC0002A1B)"',
    );
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain('not-the-password');
    const notMss = execLabTool(dir, 'BTS01', interopRestore(file), { stdin: `${password}\n` });
    expect(notMss.stderr).toContain(
      '"This function can only be performed on the master secret server. (Exception from HRESULT: 0xC0002A0E)"',
    );
    const right = ps(`${password}\n`);
    expect(right.exitCode).toBe(0);
    expect(right.stdout).toMatch(/^Password reminder : .+\r\nThe operation completed successfully\.\r\n$/);

    const piped = execLabTool(dir, 'SSO01', ['ssoconfig', '-restoreSecret', file], {
      stdin: `${password}\n`,
    });
    expect(piped.stdout).toContain('ERROR: 0x80070006 : The handle is invalid.');
    const atConsole = execLabTool(dir, 'SSO01', ['ssoconfig', '-restoreSecret', file], {
      ask: () => password,
    });
    expect(atConsole.stdout).toContain('The operation completed successfully.');
  });
});
