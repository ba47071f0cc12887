import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execLabTool, readCommandLog, readSealedEnvelope } from '../../src/lab/index.js';
import { BUILT_CLI, spawnPty } from '../support/pty.js';
import { interopRestore, NEW_MSS_XML, tempDir } from './lab-test-kit.js';

type Run = { code: number | null; stdout: string; stderr: string };

/** The real CLI as a separate process, like the lab transport runs it. */
function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function newLab(...extra: string[]): Promise<string> {
  const dir = join(tempDir(), 'lab');
  const init = await cli(['lab', 'init', '--dir', dir, '--time-scale', '6000', ...extra]);
  expect(init.code).toBe(0);
  return dir;
}

describe('sso-failover lab (real processes)', () => {
  beforeAll(() => {
    if (!existsSync(BUILT_CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('creates a lab and prints where the envelope is', async () => {
    const dir = join(tempDir(), 'lab');
    const init = await cli(['lab', 'init', '--dir', dir, '--fault', 'mss-lost', '--time-scale', '6000']);
    expect(init.stdout).toContain('SSO servers : SSO01 (MSS), BTS01, BTS02');
    expect(init.stdout).toContain(`Envelope    : ${join(dir, 'sealed-envelope.txt')}`);
    expect(init.stdout).not.toContain(readSealedEnvelope(dir).password);
  });

  it('rejects an unknown fault with one line and exit 2, creating nothing', async () => {
    const dir = join(tempDir(), 'lab');
    const init = await cli(['lab', 'init', '--dir', dir, '--fault', 'meteor']);
    expect(init.code).toBe(2);
    expect(init.stderr).toBe(
      "sso-failover: unknown fault 'meteor'. Run `node dist/cli.js lab faults` to list the fault names.\n",
    );
    expect(existsSync(dir)).toBe(false);
    // The same from a drill: no stack trace, and neither a lab nor a run is left behind.
    const state = join(tempDir(), 'state');
    const drill = await cli(['drill', '--autopilot', '--fault', 'meteor', '--state-dir', state]);
    expect(drill.code).toBe(2);
    expect(drill.stderr).toBe(init.stderr);
    expect(existsSync(join(state, 'labs')) && readdirSync(join(state, 'labs')).length).toBeFalsy();
    expect(existsSync(join(state, 'runs')) && readdirSync(join(state, 'runs')).length).toBeFalsy();
  });

  it('lists the faults', async () => {
    const faults = await cli(['lab', 'faults']);
    expect(faults.stdout).toMatch(/^corrupt-backup +The backup file/m);
    expect(faults.stdout).toMatch(/^old-mss-returns /m);
  });

  it('runs the failover through lab write, lab exec and lab probe, then grades it', async () => {
    const dir = await newLab('--fault', 'mss-lost');
    const { password, backupPath } = readSealedEnvelope(dir);
    const host = ['--dir', dir, '--host', 'BTS01'];
    expect((await cli(['lab', 'exec', ...host, '--', 'hostname'])).stdout).toBe('BTS01\r\n');
    expect((await cli(['lab', 'exec', '--dir', dir, '--host', 'SSO01', '--', 'hostname'])).code).toBe(255);
    expect(
      (await cli(['lab', 'write', ...host, '--path', 'C:\\SSOFailover\\NewMSS.xml'], NEW_MSS_XML('BTS01')))
        .code,
    ).toBe(0);
    const update = await cli([
      'lab',
      'exec',
      ...host,
      '--',
      'ssomanage',
      '-updatedb',
      'C:\\SSOFailover\\NewMSS.xml',
    ]);
    expect(update.stdout).toContain('The operation completed successfully.');
    // the restart runs in process (same lab folder) to keep the suite fast
    execLabTool(dir, 'BTS01', ['net', 'stop', 'entsso', '/y']);
    expect(execLabTool(dir, 'BTS01', ['net', 'start', 'entsso']).exitCode).toBe(0);
    // without a console ssoconfig cannot read the password; ISSOConfigSS reads it from the script's stdin
    const piped = await cli(
      ['lab', 'exec', ...host, '--', 'ssoconfig', '-restoreSecret', backupPath],
      `${password}\n`,
    );
    expect(piped.stdout).toContain('ERROR: 0x80070006 : The handle is invalid.');
    const restore = await cli(['lab', 'exec', ...host, '--', ...interopRestore(backupPath)], `${password}\n`);
    expect(restore.stdout).toContain('The operation completed successfully.');
    const probe = await cli(
      ['lab', 'probe', ...host],
      JSON.stringify({ kind: 'event', ids: [10523], source: 'ENTSSO', sinceMs: 0, present: true }),
    );
    expect(JSON.parse(probe.stdout)).toMatchObject({ ok: true });
    const verify = await cli(['lab', 'verify', '--dir', dir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('✓ ssodb-names-live-mss');
    expect(verify.stdout).toContain('✗ fresh-backup');
    const status = JSON.parse((await cli(['lab', 'status', '--dir', dir, '--json'])).stdout);
    expect(status.secretServer).toBe('BTS01');
  });

  it('exits 2 for an unknown host or a missing lab folder', async () => {
    const dir = await newLab();
    const host = await cli(['lab', 'exec', '--dir', dir, '--host', 'BTS99', '--', 'hostname']);
    expect(host).toMatchObject({
      code: 2,
      stderr: "sso-failover: unknown lab host 'BTS99'. The lab has: SSO01, BTS01, BTS02, SQL01.\n",
    });
    const none = await cli(['lab', 'status', '--dir', join(dir, 'nope')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^sso-failover: no lab in .*nope\. Create one with/);
  });

  it('keeps the lab consistent when many processes run at once', async () => {
    const dir = await newLab();
    const runs = await Promise.all(
      ['SSO01', 'BTS01', 'BTS02', 'SQL01', 'BTS01', 'BTS02'].map((h) =>
        cli(['lab', 'exec', '--dir', dir, '--host', h, '--', 'sc', 'query', 'entsso']),
      ),
    );
    expect(runs.filter((r) => r.stderr !== '')).toEqual([]);
    expect(readCommandLog(dir)).toHaveLength(6);
  });

  it('reads the restore password from a terminal without echoing it', async () => {
    const dir = await newLab();
    const { password, backupPath } = readSealedEnvelope(dir);
    const session = spawnPty(process.execPath, [
      BUILT_CLI,
      'lab',
      'exec',
      '--dir',
      dir,
      '--host',
      'SSO01',
      '--',
      'ssoconfig',
      '-restoreSecret',
      backupPath,
    ]);
    await session.waitFor('Password : ', 20_000);
    session.write(`${password}\r`);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.output).toContain(`Password : ${'*'.repeat(password.length)}`);
    expect(session.output).toContain('The operation completed successfully.');
    expect(session.output).not.toContain(password);
  });
});
