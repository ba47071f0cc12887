import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWinRmTransport } from '../../src/transports/winrm.js';
import { readPowerShellArray, readPowerShellLiteral } from './windows-parsers.js';

const dir = mkdtempSync(join(tmpdir(), 'sso-winrm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * pwsh cannot be installed here, so a real stand-in program takes its place: it records its arguments,
 * the script it was given (decoded from -EncodedCommand) and its stdin, then answers like PowerShell would.
 */
function createStandIn(name: string, reply: { stdout?: string; stderr?: string; exitCode?: number }): string {
  const program = join(dir, name);
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      `printf '%s\\n' "$@" > ${program}.argv`,
      `printf '%s' "$4" | base64 -d | iconv -f UTF-16LE -t UTF-8 > ${program}.script`,
      `cat > ${program}.stdin`,
      `printf '%s' '${reply.stdout ?? ''}'`,
      `printf '%s' '${reply.stderr ?? ''}' >&2`,
      `exit ${reply.exitCode ?? 0}`,
      '',
    ].join('\n'),
  );
  chmodSync(program, 0o755);
  return program;
}

const read = (program: string, what: 'argv' | 'script' | 'stdin') =>
  readFileSync(`${program}.${what}`, 'utf8');
const TOOL = 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig.exe';

describe('WinRM transport', () => {
  it('runs the command through Invoke-Command, the values as -ArgumentList and the secret on stdin', async () => {
    const program = createStandIn('pwsh-exec', { stdout: 'The operation completed successfully.\n' });
    const transport = createWinRmTransport({ address: 'sso01.contoso.local', useSsl: true, program });
    const secret = "pa$$ 'word' `1";
    const result = await transport.exec('SSO01', [TOOL, '-restoreSecret', "C:\\SSOBackup\\it's.bak"], {
      stdin: `${secret}\n`,
    });
    expect(result).toMatchObject({
      ok: true,
      exitCode: 0,
      stdout: 'The operation completed successfully.\n',
    });
    const argv = read(program, 'argv').split('\n');
    expect(argv.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(read(program, 'argv')).not.toContain('pa$$');
    expect(read(program, 'stdin')).toBe(`${secret}\n`);
    const script = read(program, 'script');
    expect(script).not.toContain('pa$$');
    const invoke = script.split('\n').find((line) => line.startsWith('try { $r = Invoke-Command'))!;
    expect(invoke).toContain(
      "-ComputerName 'sso01.contoso.local' -UseSSL -ErrorAction Stop -ScriptBlock { param($exe, [string[]]$a, $in);",
    );
    // The values arrive as literals after -ArgumentList, outside the script block.
    const list = invoke.slice(invoke.lastIndexOf('} -ArgumentList ') + '} -ArgumentList '.length);
    const exe = readPowerShellLiteral(list, 0);
    expect(exe.value).toBe(TOOL);
    expect(list.slice(exe.end, exe.end + 2)).toBe(', ');
    const args = readPowerShellArray(list, exe.end + 2);
    expect(args.values).toEqual(['-restoreSecret', "C:\\SSOBackup\\it's.bak"]);
    expect(list.slice(args.end)).toBe(', $stdinText }');
  });

  it('refuses interactive commands with what to do at the console instead', async () => {
    const program = createStandIn('pwsh-unused', {});
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program });
    const result = await transport.exec('SSO01', [TOOL, '-restoreSecret', 'C:\\b.bak'], {
      interactive: true,
    });
    expect(result.ok).toBe(false);
    expect(result.error).toBe(
      `${TOOL} asks for input at the console, and WinRM cannot attach your terminal. Log on to SSO01 (console or RDP), ` +
        `run it in an elevated prompt: & '${TOOL}' '-restoreSecret' 'C:\\b.bak' — then choose Retry here; its checks confirm it worked.`,
    );
    expect(transport.describe('SSO01')).toBe('WinRM sso01');
    expect(transport.render('SSO01', [TOOL, '-displaydb'])).toBe(`& '${TOOL}' '-displaydb'`);
  });

  it('tells a failed connection from a failed command', async () => {
    const program = createStandIn('pwsh-down', {
      stderr:
        'Connecting to remote server sso01 failed with the following error message : WinRM cannot complete the operation.',
      exitCode: 255,
    });
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program });
    const result = await transport.exec('SSO01', ['hostname']);
    expect(result.error).toMatch(
      /^WinRM to sso01 failed: Connecting to remote server sso01 failed .*Test-WSMan sso01/,
    );
    const failing = createWinRmTransport({
      address: 'sso01',
      useSsl: false,
      program: createStandIn('pwsh-1', { exitCode: 3 }),
    });
    expect(await failing.exec('SSO01', ['hostname'])).toMatchObject({ ok: false, exitCode: 3 });
    expect((await failing.exec('SSO01', ['hostname'])).error).toBeUndefined();
  });

  it('sends file contents on stdin, and reads probe facts back', async () => {
    const writer = createStandIn('pwsh-write', {});
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program: writer });
    const content = '<sso><globalInfo><secretServer>BTS01</secretServer></globalInfo></sso>\n';
    expect(await transport.writeFile('SSO01', 'C:\\SSOFailover\\NewMSS.xml', content)).toMatchObject({
      ok: true,
    });
    expect(read(writer, 'stdin')).toBe(content);
    expect(read(writer, 'script')).toContain("-ArgumentList 'C:\\SSOFailover\\NewMSS.xml', $stdinText");

    const prober = createStandIn('pwsh-probe', {
      stdout: '{"found":true,"status":"Running","displayName":"Enterprise Single Sign-On Service"}\n',
    });
    const probing = createWinRmTransport({ address: 'sso01', useSsl: false, program: prober });
    expect(await probing.probe('SSO01', { kind: 'service', name: 'ENTSSO', state: 'running' })).toEqual({
      ok: true,
      observed: 'ENTSSO (Enterprise Single Sign-On Service) on SSO01 is running',
    });
    expect(read(prober, 'script')).toContain('Get-Service -Name $name');
    expect(read(prober, 'script')).toContain("} -ArgumentList (,'ENTSSO')");
  });
});
