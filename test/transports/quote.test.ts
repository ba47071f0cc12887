import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quotePosix, quoteWindows, quoteWindowsArgument } from '../../src/transports/quote.js';
import { parseMsvcrtCommandLine } from './windows-parsers.js';

/** What a real POSIX shell makes of the rendered command line. */
function parseWithShell(line: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}; for a in "$@"; do printf '%s\\0' "$a"; done`]);
  return out.toString('utf8').split('\0').slice(0, -1);
}

const HARD_CASES = [
  'plain',
  '',
  'with space',
  'tab\there',
  'say "hi"',
  'C:\\Program Files\\Microsoft Enterprise Single Sign-On\\',
  'C:\\no-spaces\\',
  'ends with backslash quote \\"',
  'a\\\\"b',
  '\\\\server\\share\\sso backup.bak',
  "it's",
  "''",
  '$HOME `id` $(id) * ? ~ ; & | < > !',
  'line\nbreak',
  '-pwd',
];

describe('quoteWindowsArgument', () => {
  it.each([
    ['ssomanage', 'ssomanage'],
    ['', '""'],
    ['C:\\Backups\\sso.bak', 'C:\\Backups\\sso.bak'],
    ['C:\\Program Files\\ENTSSO', '"C:\\Program Files\\ENTSSO"'],
    ['C:\\Program Files\\ENTSSO\\', '"C:\\Program Files\\ENTSSO\\\\"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\"b', '"a\\\\\\"b"'],
    ['tab\there', '"tab\there"'],
    ['C:\\a&b.xml', '"C:\\a&b.xml"'],
    ['x|y<z>(w)^', '"x|y<z>(w)^"'],
  ])('quotes %j as %s', (arg, expected) => {
    expect(quoteWindowsArgument(arg)).toBe(expected);
  });

  it('renders argv that a Windows program splits back into the same arguments', () => {
    const argv = ['ssomanage.exe', ...HARD_CASES.filter((a) => !a.includes('\n'))];
    expect(parseMsvcrtCommandLine(quoteWindows(argv))).toEqual(argv);
  });
});

describe('quotePosix', () => {
  it.each([
    ['ls', 'ls'],
    ['', "''"],
    ['/tmp/a b', "'/tmp/a b'"],
    ["it's", "'it'\\''s'"],
    ['C:\\dir\\', "'C:\\dir\\'"],
    ['a=b,c:d@e%f+g', 'a=b,c:d@e%f+g'],
    ['$HOME', "'$HOME'"],
  ])('quotes %j as %s', (arg, expected) => {
    expect(quotePosix([arg])).toBe(expected);
  });

  it('renders argv that sh splits back into the same arguments, with nothing expanded', () => {
    expect(parseWithShell(quotePosix(HARD_CASES))).toEqual(HARD_CASES);
  });
});
