import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateArgv, interpolateArgvKnown } from '../../src/runbook/interpolate.js';
import { readPowerShellLiteral } from '../transports/windows-parsers.js';

const isDoubleQuote = (c: string | undefined) => c !== undefined && '"\u201C\u201D\u201E'.includes(c);

/**
 * Reads one double-quoted PowerShell string at `start`, from the language's rules: a backtick takes the
 * next character literally; an unescaped `$` would expand a variable or run a subexpression, so it fails.
 */
function readDoubleQuoted(text: string, start: number): { value: string; end: number } {
  const chars = Array.from(text.slice(start));
  if (!isDoubleQuote(chars[0])) throw new Error(`no string at ${start}`);
  let value = '';
  for (let i = 1; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (c === '`') {
      i += 1;
      value += chars[i] ?? '';
    } else if (c === '$') throw new Error(`unescaped $ at ${i}: PowerShell would expand it`);
    else if (isDoubleQuote(c)) return { value, end: start + chars.slice(0, i + 1).join('').length };
    else value += c;
  }
  throw new Error('unterminated string');
}

/** Strings built from what PowerShell treats specially, mixed with anything at all. */
const hostileValue = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "'",
        '\u2018',
        '\u2019',
        '\u201A',
        '\u201B',
        '"',
        '\u201C',
        '\u201D',
        '\u201E',
        '`',
        '$',
        '$(',
        ')',
        ';',
        '{{v}}',
        '\n',
        ' ',
      ),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

const HOSTILE = 'x\'; Remove-Item -Recurse C:\\ ; \'‘’ "$(whoami)" `n $env:PATH';

describe('values placed into a PowerShell script', () => {
  it('stay one literal inside single quotes, whatever they hold', () => {
    const [, , , script] = interpolateArgv(
      ['powershell', '-NoProfile', '-Command', "Get-ClusterGroup -Name '{{group}}' | Format-List Name"],
      { group: HOSTILE },
    );
    const prefix = 'Get-ClusterGroup -Name ';
    expect(script!.startsWith(prefix)).toBe(true);
    const literal = readPowerShellLiteral(script!, prefix.length);
    expect(literal.value).toBe(HOSTILE);
    expect(script!.slice(literal.end)).toBe(' | Format-List Name');
  });

  it('become a literal of their own in bare code', () => {
    const argv = ['pwsh.exe', '-c', 'Move-ClusterGroup -Name SSO -Node {{node}}'];
    expect(interpolateArgv(argv, { node: 'SSOCL02' })).toEqual([
      'pwsh.exe',
      '-c',
      "Move-ClusterGroup -Name SSO -Node 'SSOCL02'",
    ]);
    const script = interpolateArgv(argv, { node: HOSTILE })[2]!;
    const literal = readPowerShellLiteral(script, 'Move-ClusterGroup -Name SSO -Node '.length);
    expect(literal).toEqual({ value: HOSTILE, end: script.length });
  });

  it('expand nothing inside double quotes', () => {
    const script = interpolateArgv(
      [
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        '-Command',
        'Write-Output "on {{node}}"',
      ],
      { node: HOSTILE },
    )[2]!;
    const text = readDoubleQuoted(script, 'Write-Output '.length);
    expect(text.value).toBe(`on ${HOSTILE}`);
    expect(script.slice(text.end)).toBe('');
  });

  it('keep their quoting state across the elements PowerShell joins into one script', () => {
    const argv = ['powershell', '-Command', "Write-Output 'a", "{{v}}'"];
    const [, , first, second] = interpolateArgv(argv, { v: "it's" });
    expect(`${first} ${second}`).toBe("Write-Output 'a it''s'");
  });

  it('are left alone everywhere else: other programs, and the arguments before -Command', () => {
    expect(interpolateArgv(['ssomanage', '-server', "{{v}}'"], { v: "a'b" })).toEqual([
      'ssomanage',
      '-server',
      "a'b'",
    ]);
    expect(
      interpolateArgv(['powershell', '-File', 'C:\\x\\{{v}}.ps1', '-Command', "'{{v}}'"], { v: "o'k" }),
    ).toEqual(['powershell', '-File', "C:\\x\\o'k.ps1", '-Command', "'o''k'"]);
  });

  it('are shown escaped in confirmations and plans, with unknown ones left as placeholders', () => {
    expect(
      interpolateArgvKnown(['powershell', '-Command', "Move-ClusterGroup -Name '{{g}}' -Node {{node}}"], {
        g: "S'O",
      }),
    ).toEqual(['powershell', '-Command', "Move-ClusterGroup -Name 'S''O' -Node {{node}}"]);
  });

  it('round-trip for any string in every quoting context (property)', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const argv = ['powershell', '-Command', 'A \'{{v}}\' B {{v}} C "{{v}}"'];
        const script = interpolateArgv(argv, { v: value })[2]!;
        const single = readPowerShellLiteral(script, 2);
        expect(single.value).toBe(value);
        expect(script.slice(single.end, single.end + 3)).toBe(' B ');
        const bare = readPowerShellLiteral(script, single.end + 3);
        expect(bare.value).toBe(value);
        expect(script.slice(bare.end, bare.end + 3)).toBe(' C ');
        const double = readDoubleQuoted(script, bare.end + 3);
        expect(double.value).toBe(value);
        expect(double.end).toBe(script.length);
      }),
      { numRuns: 500 },
    );
  });
});
