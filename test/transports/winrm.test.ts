import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWinRmTransport } from '../../src/transports/winrm.js';
import { parseMsvcrtCommandLine, readPowerShellLiteral } from './windows-parsers.js';

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

/**
 * A stand-in for the Ctrl+C case: the command's call (saved as .exec.*) hangs like a long remote command;
 * the stop call (saved as .stop.*, told apart by its script) answers with `reply`.
 */
function createStopStandIn(
  name: string,
  reply: { stdout?: string; stderr?: string; exitCode: number },
): string {
  const program = join(dir, name);
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      `script=$(printf '%s' "$4" | base64 -d | iconv -f UTF-16LE -t UTF-8)`,
      `case "$script" in *"-Value 'stop'"*) kind=stop ;; *) kind=exec ;; esac`,
      `cat > ${program}.$kind.stdin`,
      `printf '%s' "$script" > ${program}.$kind.script.tmp && mv ${program}.$kind.script.tmp ${program}.$kind.script`,
      `[ $kind = exec ] && exec sleep 30`,
      `printf '%s' '${reply.stdout ?? ''}'`,
      `printf '%s' '${reply.stderr ?? ''}' >&2`,
      `exit ${reply.exitCode}`,
      '',
    ].join('\n'),
  );
  chmodSync(program, 0o755);
  return program;
}

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 200 && !existsSync(path); i += 1) await new Promise((r) => setTimeout(r, 25));
}

/** The values after `-ArgumentList` of an exec call: the program, its command line, and the rest as text. */
function readExecArguments(invoke: string): { exe: string; line: string; rest: string } {
  const list = invoke.slice(invoke.lastIndexOf('} -ArgumentList ') + '} -ArgumentList '.length);
  const exe = readPowerShellLiteral(list, 0);
  expect(list.slice(exe.end, exe.end + 2)).toBe(', ');
  const line = readPowerShellLiteral(list, exe.end + 2);
  return { exe: exe.value, line: line.value, rest: list.slice(line.end) };
}

const read = (program: string, what: string) => readFileSync(`${program}.${what}`, 'utf8');
const TOOL = 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig.exe';

describe('WinRM transport', () => {
  it('runs the command through Invoke-Command, the values as -ArgumentList and the secret on stdin', async () => {
    const program = createStandIn('pwsh-exec', { stdout: 'The operation completed successfully.\n' });
    const transport = createWinRmTransport({ address: 'sso01.contoso.local', useSsl: true, program });
    const secret = "pa$$ 'word' `1";
    const hostile = ['-restoreSecret', "C:\\SSOBackup\\it's.bak", 'a "quoted" word', 'ends with \\', ''];
    const result = await transport.exec('SSO01', [TOOL, ...hostile], {
      stdin: `${secret}\n`,
      timeoutMs: 600_000,
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
      "-ComputerName 'sso01.contoso.local' -UseSSL -ErrorAction Stop -ScriptBlock { param($exe, $line, $in, $timeoutMs, $token);",
    );
    // The values arrive as literals after -ArgumentList, outside the script block.
    const { exe, line, rest } = readExecArguments(invoke);
    expect(exe).toBe(TOOL);
    // One command line that a Windows program splits back into exactly the arguments given.
    expect(parseMsvcrtCommandLine(line)).toEqual(hostile);
    // stdin, then the timeout the server enforces, then the token a stop call would name.
    expect(rest).toMatch(/^, \$stdinText, 600000, '[0-9a-f]{24}' \}$/);
  });

  it('reports a command the server stopped at its timeout as timed out, without a second call', async () => {
    const program = createStandIn('pwsh-timeout', {
      stdout: 'Waiting for the service',
      stderr: 'still waiting\nsso-failover-remote-stop: timed out after 5 s\n',
      exitCode: 1,
    });
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program });
    const result = await transport.exec('SSO01', ['net', 'start', 'entsso'], { timeoutMs: 5_000 });
    expect(result).toMatchObject({
      ok: false,
      exitCode: null,
      timedOut: true,
      canceled: false,
      stdout: 'Waiting for the service',
      stderr: 'still waiting\nStopped on the server: timed out after 5 s.\n',
    });
    expect(read(program, 'script')).toMatch(/-ArgumentList 'net', 'start entsso', \$null, 5000, '/);
    // A program that exits 1 with its own last line is left alone.
    const plain = createWinRmTransport({
      address: 'sso01',
      useSsl: false,
      program: createStandIn('pwsh-exit1', { stderr: 'ERROR: 0xC0002A0F\n', exitCode: 1 }),
    });
    expect(await plain.exec('SSO01', ['ssomanage', '-displaydb'])).toMatchObject({
      exitCode: 1,
      timedOut: false,
      stderr: 'ERROR: 0xC0002A0F\n',
    });
  });

  it('on Ctrl+C stops the command on the server too, naming it by the token of the call', async () => {
    const program = createStopStandIn('pwsh-cancel', {
      stdout: 'stopped process 4242 and its children',
      exitCode: 0,
    });
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program });
    const controller = new AbortController();
    const running = transport.exec('SSO01', [TOOL, '-restoreSecret', 'C:\\b.bak'], {
      stdin: 'secret\n',
      signal: controller.signal,
      timeoutMs: 600_000,
    });
    await waitForFile(`${program}.exec.script`);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ ok: false, canceled: true });
    expect(result.stderr).toBe('Stopped on SSO01 too: stopped process 4242 and its children.\n');
    const invoke = read(program, 'exec.script')
      .split('\n')
      .find((line) => line.startsWith('try { $r = Invoke-Command'))!;
    const token = /, '([0-9a-f]{24})' \}$/.exec(invoke)?.[1];
    expect(token).toBeDefined();
    const stop = read(program, 'stop.script');
    expect(stop).toContain("Set-Content -LiteralPath ($mark + '.stop') -Value 'stop'");
    expect(stop).toContain(`-ArgumentList (,'${token}')`);
    // The secret went to the command's call only.
    expect(read(program, 'stop.stdin')).toBe('');
  });

  it('says the command may still run on the server when the stop call fails', async () => {
    const program = createStopStandIn('pwsh-cancel-down', {
      stderr: 'Connecting to remote server sso01 failed: The WinRM client cannot process the request.',
      exitCode: 255,
    });
    const transport = createWinRmTransport({ address: 'sso01', useSsl: false, program });
    const controller = new AbortController();
    const running = transport.exec('SSO01', [TOOL, '-displaydb'], { signal: controller.signal });
    await waitForFile(`${program}.exec.script`);
    controller.abort();
    const result = await running;
    expect(result.canceled).toBe(true);
    expect(result.stderr).toBe(
      'Could not stop it on SSO01 (WinRM to sso01 failed: Connecting to remote server sso01 failed: The WinRM client cannot process the request.. ' +
        'Check that WinRM is enabled there (Test-WSMan sso01) and that you may use it.); it may still be running there: check with Get-Process ssoconfig on SSO01.\n',
    );
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

  it('shows the CLIXML error stream of PowerShell as the text it holds', async () => {
    const program = createStandIn('pwsh-clixml', {
      stderr:
        '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">ERROR: 0xC0002A0E : The operation can only be performed on the master secret server._x000D__x000A_</S></Objs>',
      exitCode: 1,
    });
    const transport = createWinRmTransport({ address: 'sso02', useSsl: false, program });
    const result = await transport.exec('SSO02', ['ssoconfig.exe', '-restoreSecret', 'C:\\SSO\\a.bak']);
    expect(result.stderr).toBe(
      'ERROR: 0xC0002A0E : The operation can only be performed on the master secret server.\n',
    );
  });
});
