import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/runbook/decode-text.js';
import { encodeAsWindows } from '../support/windows-encodings.js';

const text = 'id: café-check\ntitle: Überprüfung 🔑\n';

describe('decodeText', () => {
  it.each([
    ['utf-16le', 'UTF-16LE with a BOM and CRLF (PowerShell 5.1 > and Out-File)'],
    ['utf-16be', 'UTF-16BE with a BOM and CRLF'],
    ['utf-8-bom', 'UTF-8 with a BOM and CRLF (Notepad, Set-Content -Encoding UTF8)'],
  ] as const)('reads %s: %s', (encoding, _what) => {
    expect(decodeText(encodeAsWindows(text, encoding))).toEqual({ text, encoding });
  });

  it('reads plain UTF-8 as it is', () => {
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('refuses text in a Windows ANSI code page instead of replacing its bytes with U+FFFD', () => {
    expect(() => decodeText(Buffer.from('caf\xe9', 'latin1'))).toThrow(
      /^it is not valid UTF-8 text: save it as UTF-8 \(PowerShell 5\.1: Set-Content -Encoding UTF8/,
    );
  });

  it('refuses UTF-16 without a byte order mark', () => {
    expect(() => decodeText(Buffer.from('id: x\n', 'utf16le'))).toThrow(
      /^it holds NUL bytes, as UTF-16 without/,
    );
  });

  it('refuses UTF-16LE with a BOM whose bytes are cut in half', () => {
    expect(() => decodeText(encodeAsWindows('ab', 'utf-16le').subarray(0, 5))).toThrow(/not valid UTF-16LE/);
  });
});
