import type { Expect } from '../runbook/schema.js';
import { compilePattern, type Pattern } from '../runbook/pattern.js';
import type { ExecResult } from './ports.js';

export type Evaluation = { ok: boolean; observed: string };

type Stream = 'stdout' | 'stderr';

/** Runbook patterns ignore case and let ^ and $ match at every line of a command's output. */
const LINES = { ignoreCase: true, multiline: true };

/**
 * Judge a command's result against its expectations (already interpolated) and say what was seen: the line
 * the expectation was about, and which stream it came from.
 */
export function evaluateCommand(result: ExecResult, expect: Expect): Evaluation {
  if (result.error) return { ok: false, observed: result.error };
  if (result.timedOut)
    return { ok: false, observed: `timed out after ${Math.round(result.durationMs / 1000)}s` };
  if (result.canceled) return { ok: false, observed: 'canceled' };
  const patterns = compilePatterns(expect);
  if (typeof patterns === 'string') return { ok: false, observed: patterns };
  if (result.exitCode !== expect.exitCode)
    return { ok: false, observed: `exit code ${result.exitCode}${describeErrorLine(result)}` };
  for (const stream of ['stdout', 'stderr'] as const) {
    const pattern = patterns[stream];
    if (pattern && !pattern.test(result[stream]))
      return {
        ok: false,
        observed: `${stream} did not match${describeNearest(result[stream], stream, expect[stream]!)}`,
      };
  }
  if (patterns.notStdout) {
    const match = patterns.notStdout.exec(result.stdout);
    if (match) return { ok: false, observed: `stdout contains "${lineAround(result.stdout, match.index)}"` };
  }
  const matched = patterns.stdout?.exec(result.stdout);
  return {
    ok: true,
    observed: matched ? `"${lineAround(result.stdout, matched.index)}"` : `exit code ${result.exitCode}`,
  };
}

type Compiled = { stdout?: Pattern; stderr?: Pattern; notStdout?: Pattern };

/**
 * A pattern that is invalid once values are in (only with `{{x | regex}}`), or that the linear-time engine
 * cannot run, fails the check, in words; nothing crashes.
 */
function compilePatterns(expect: Expect): Compiled | string {
  const compiled: Compiled = {};
  for (const key of ['stdout', 'stderr', 'notStdout'] as const) {
    const source = expect[key];
    if (source === undefined) continue;
    try {
      compiled[key] = compilePattern(source, LINES);
    } catch (error) {
      return `the expected ${key} pattern, with its values filled in, is ${(error as Error).message}`;
    }
  }
  return compiled;
}

/** Named groups of every capture regex that matches stdout. */
export function captureVariables(stdout: string, patterns: readonly string[]): Record<string, string> {
  const captured: Record<string, string> = {};
  for (const pattern of patterns) {
    const groups = compilePattern(pattern, LINES).exec(stdout)?.groups;
    for (const [name, value] of Object.entries(groups ?? {}))
      if (value !== undefined) captured[name] = value.trim();
  }
  return captured;
}

/** After a wrong exit code: the error line the tool printed, stderr first, else the last line it printed. */
function describeErrorLine(result: ExecResult): string {
  // "Exception calling …" is how PowerShell reports a failed COM call (ISSOConfigSS).
  const looksLikeError = (line: string) =>
    /\b(error|fail(ed|ure)?|denied|cannot|unable|fatal)\b|^Exception calling/i.test(line);
  for (const stream of ['stderr', 'stdout'] as const) {
    const line = nonEmptyLines(result[stream]).find(looksLikeError);
    if (line) return `; ${stream}: "${clip(line)}"`;
  }
  for (const stream of ['stderr', 'stdout'] as const) {
    const line = nonEmptyLines(result[stream]).at(-1);
    if (line) return `; ${stream} ended with "${clip(line)}"`;
  }
  return '; no output';
}

/**
 * After a pattern did not match: the line that looks most like what was expected (it holds the pattern's
 * leading words, e.g. `secret server name : SSO01` for `secret server name\s*:\s*BTS01`), else the last line.
 */
function describeNearest(text: string, stream: Stream, source: string): string {
  const lines = nonEmptyLines(text);
  if (lines.length === 0) return `; ${stream} was empty`;
  const near = findNearestLine(lines, leadingLiteral(source).toLowerCase());
  return near ? `; ${stream} says "${clip(near)}"` : `; ${stream} ended with "${clip(lines.at(-1)!)}"`;
}

/** The first line holding the pattern's leading words, dropping words from the end until one does. */
function findNearestLine(lines: readonly string[], literal: string): string | undefined {
  const words = literal.split(/\s+/).filter(Boolean);
  for (let count = words.length; count > 0; count--) {
    const prefix = words.slice(0, count).join(' ');
    if (prefix.length < 3) break;
    const line = lines.find((l) => l.toLowerCase().replace(/\s+/g, ' ').includes(prefix));
    if (line) return line;
  }
  return undefined;
}

/** The plain text a pattern starts with, up to its first special character. */
function leadingLiteral(source: string): string {
  const plain = /^(?:[^\\^$.*+?()[\]{}|]|\\[\\^$.*+?()[\]{}|/-])*/.exec(source.replace(/^\^/, ''))?.[0] ?? '';
  return plain.replace(/\\(.)/g, '$1').trim();
}

function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function clip(line: string): string {
  return line.slice(0, 200);
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return clip(text.slice(start, end === -1 ? undefined : end).trim());
}
