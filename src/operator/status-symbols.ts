import isUnicodeSupported from 'is-unicode-supported';

/** The marks in front of check results, warnings and outcomes. */
export type StatusSymbols = {
  ok: string;
  fail: string;
  warn: string;
  info: string;
  done: string;
  failed: string;
  ellipsis: string;
};

const UNICODE: StatusSymbols = {
  ok: '✓',
  fail: '✗',
  warn: '⚠',
  info: 'ℹ',
  done: '✔',
  failed: '✘',
  ellipsis: '…',
};
const ASCII: StatusSymbols = {
  ok: '[ok]',
  fail: '[x]',
  warn: '[!]',
  info: '[i]',
  done: '[ok]',
  failed: '[x]',
  ellipsis: '...',
};

/**
 * The console window of Windows PowerShell 5.1 and cmd (conhost, raster fonts) shows ✓ ✗ ⚠ as boxes or
 * question marks, and a missing ✗ is a failure nobody sees. is-unicode-supported knows which terminals
 * can (Windows Terminal, VS Code, …); elsewhere the marks are ASCII. `unicode` is a parameter for tests.
 */
export function createStatusSymbols(unicode: boolean = isUnicodeSupported()): StatusSymbols {
  return unicode ? UNICODE : ASCII;
}
