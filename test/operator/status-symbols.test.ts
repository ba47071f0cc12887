import { describe, expect, it } from 'vitest';
import { createChalk, formatMessage } from '../../src/operator/format-message.js';
import { createStatusSymbols } from '../../src/operator/status-symbols.js';

const c = createChalk({ isTTY: false });
const failed = {
  kind: 'check',
  ok: false,
  label: 'ENTSSO is running',
  expected: 'running',
  observed: 'stopped',
} as const;

describe('status symbols', () => {
  it('marks a failed check ✗ where the console can show it', () => {
    expect(formatMessage(failed, c, createStatusSymbols(true))).toBe(
      '   ✗ ENTSSO is running\n     expected: running\n     seen:     stopped',
    );
  });

  it('falls back to ASCII where it cannot (the console of Windows PowerShell 5.1), for every mark', () => {
    const ascii = createStatusSymbols(false);
    expect(formatMessage(failed, c, ascii)).toBe(
      '   [x] ENTSSO is running\n     expected: running\n     seen:     stopped',
    );
    expect(formatMessage({ ...failed, ok: true }, c, ascii)).toBe('   [ok] ENTSSO is running — stopped');
    expect(formatMessage({ kind: 'warning', text: 'careful' }, c, ascii)).toBe('   [!] careful');
    expect(formatMessage({ kind: 'summary', ok: false, text: 'Run aborted.' }, c, ascii)).toBe(
      '\n[x] Run aborted.',
    );
    expect(
      formatMessage({ kind: 'waiting', text: 'ENTSSO', elapsedMs: 1000, timeoutMs: 5000 }, c, ascii),
    ).toMatch(/^ {3}\.\.\. waiting/);
    expect(Object.values(ascii).join('')).toMatch(/^[\x20-\x7e]+$/);
  });
});
