import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteCmd } from '../../src/transports/cmd.js';
import {
  createPowerShellArgs,
  encodePowerShell,
  findUnsafeNativeArgument,
  quotePowerShell,
  renderLocalCall,
  renderPowerShellCommand,
  renderRemoteCall,
} from '../../src/transports/powershell.js';
import { createWatchedCommand } from '../../src/transports/posix-watchdog.js';
import { runProcess } from '../../src/transports/run-process.js';
import { parseCmdSlashC, parsePowerShellCommand, readPowerShellLiteral } from './windows-parsers.js';

/** Strings built from what breaks naive quoting, mixed with arbitrary unicode. */
const HOSTILE_PIECES = [
  "'",
  "''",
  '‘',
  '’',
  '‚',
  '‛',
  '"',
  '$',
  '$env:PATH',
  '$(Get-Date)',
  '`',
  '`n',
  ';',
  '&',
  '|',
  '<',
  '>',
  '(',
  ')',
  '^',
  '%',
  '%PATH%',
  '!',
  '\\',
  '\\"',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '*',
  '~',
  '#',
  '@',
  '{',
  '}',
  '-',
  'é',
  '日本',
  '🚀',
];
const hostileString = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 6 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join('').replaceAll('\0', ''));
const singleLine = hostileString.map((s) => s.replace(/[\r\n]/g, ''));

describe('PowerShell single-quoted literals', () => {
  it('quote exactly as PowerShell expects (golden)', () => {
    expect(quotePowerShell('C:\\Program Files\\Common Files\\Enterprise Single Sign-On')).toBe(
      "'C:\\Program Files\\Common Files\\Enterprise Single Sign-On'",
    );
    expect(quotePowerShell("it's")).toBe("'it''s'");
    expect(quotePowerShell('‘curly’')).toBe("'‘‘curly’’'");
    expect(quotePowerShell('$x `n;&|')).toBe("'$x `n;&|'");
    expect(quotePowerShell('')).toBe("''");
  });

  it('decode back to the same value for any string (property)', () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const quoted = quotePowerShell(value);
        expect(readPowerShellLiteral(quoted, 0)).toEqual({ value, end: quoted.length });
      }),
      { numRuns: 2000 },
    );
  });

  it('carry a whole argv as `& literal literal …` (property)', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { minLength: 1, maxLength: 6 }), (argv) => {
        expect(parsePowerShellCommand(renderPowerShellCommand(argv))).toEqual(argv);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('PowerShell scripts (golden)', () => {
  const exe = 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssomanage.exe';

  it('renders a native command with every value a literal', () => {
    expect(renderPowerShellCommand([exe, '-displaydb'])).toBe(
      "& 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssomanage.exe' '-displaydb'",
    );
  });

  it('passes values to a remote script block as -ArgumentList, never in its text', () => {
    const call = {
      body: 'param($exe, [string[]]$a) & $exe @a',
      args: [exe, ['-updatedb', "C:\\it's\\New.xml"]],
    };
    expect(renderRemoteCall(call, 'SSO01', true)).toBe(
      "Invoke-Command -ComputerName 'SSO01' -UseSSL -ErrorAction Stop -ScriptBlock { param($exe, [string[]]$a) & $exe @a } " +
        "-ArgumentList 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssomanage.exe', @('-updatedb', 'C:\\it''s\\New.xml')",
    );
    expect(renderRemoteCall({ body: 'param([string[]]$a) $a', args: [['x']] }, 'H', false)).toBe(
      "Invoke-Command -ComputerName 'H' -ErrorAction Stop -ScriptBlock { param([string[]]$a) $a } -ArgumentList (,@('x'))",
    );
    expect(
      renderLocalCall({
        body: 'param($n, $t) $n',
        args: ['ENTSSO', true, 5, null, { variable: 'stdinText' }],
      }),
    ).toBe("& { param($n, $t) $n } 'ENTSSO' $true 5 $null $stdinText");
  });

  it('encodes scripts as base64 UTF-16LE for -EncodedCommand', () => {
    const script = "Get-Service -Name 'ENTSSO' # ‘ü’";
    expect(encodePowerShell('dir')).toBe('ZABpAHIA');
    expect(Buffer.from(encodePowerShell(script), 'base64').toString('utf16le')).toBe(script);
    expect(createPowerShellArgs('dir')).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      'ZABpAHIA',
    ]);
  });

  it('refuses arguments Windows PowerShell 5.1 would pass on mangled', () => {
    expect(findUnsafeNativeArgument([exe, '-displaydb', 'C:\\a b\\x.xml'])).toBeUndefined();
    expect(findUnsafeNativeArgument([exe, ''])).toBe('argument 1 is empty');
    expect(findUnsafeNativeArgument([exe, 'a"b'])).toBe('argument 1 contains a double quote (")');
    expect(findUnsafeNativeArgument([exe, 'x', 'C:\\a b\\'])).toBe('argument 2 has spaces and ends with \\');
  });
});

describe('cmd.exe command lines', () => {
  const variables = { PATH: 'C:\\Windows', USERNAME: 'op', X: 'expanded!' };

  it('quote for cmd /c exactly (golden)', () => {
    expect(quoteCmd(['C:\\Program Files\\x\\ssomanage.exe', '-displaydb'])).toEqual({
      line: '""C:\\Program Files\\x\\ssomanage.exe" -displaydb"',
    });
    expect(quoteCmd(['net', 'start', 'BTSSvc$BizTalk Server (x86)', '%PATH%&echo'])).toEqual({
      line: '""net" start ^"BTSSvc$BizTalk Server ^(x86^)^" ^"^%PATH^%^&echo^""',
    });
    expect(quoteCmd(['sc', 'x\ny'])).toEqual({
      error: 'argument 1 contains a line break, which cmd.exe cannot pass to a program',
    });
  });

  it('arrive intact through cmd.exe and the MSVCRT rules (property)', () => {
    fc.assert(
      fc.property(fc.array(singleLine, { maxLength: 6 }), (args) => {
        const quoted = quoteCmd(['C:\\Tools (x86)\\tool.exe', ...args]);
        if (!('line' in quoted)) throw new Error(quoted.error);
        expect(parseCmdSlashC(quoted.line, variables)).toEqual(['C:\\Tools (x86)\\tool.exe', ...args]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('POSIX command lines for ssh (run for real by sh, watchdog included)', () => {
  it('deliver argv and stdin intact (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileString, { maxLength: 5 }), hostileString, async (args, stdin) => {
        // What sshd does with the command line: the login shell runs it with -c.
        const line = createWatchedCommand(
          ['sh', '-c', 'if [ $# -gt 0 ]; then printf "%s\\0" "$@"; fi; cat >&2', 'sh', ...args],
          Buffer.byteLength(stdin),
        );
        const result = await runProcess('sh', ['-c', line], {
          stdin,
          keepStdinOpen: true,
          timeoutMs: 10_000,
        });
        expect(result.stdout.split('\0').slice(0, -1)).toEqual(args);
        expect(result.stderr).toBe(stdin);
        expect(result.exitCode).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
