import type { Expect } from '../runbook/schema.js';
import { compilePattern, type Pattern } from '../runbook/pattern.js';
import type { ExecResult } from './ports.js';

export type Evaluation = { ok: boolean; observed: string };

/** Runbook patterns ignore case and let ^ and $ match at every line of a command's output. */
const LINES = { ignoreCase: true, multiline: true };

/** Judge a command's result against its expectations and say what was seen. */
export function evaluateCommand(result: ExecResult, expect: Expect): Evaluation {
  if (result.error) return { ok: false, observed: result.error };
  if (result.timedOut)
    return { ok: false, observed: `timed out after ${Math.round(result.durationMs / 1000)}s` };
  if (result.canceled) return { ok: false, observed: 'canceled' };
  if (result.exitCode !== expect.exitCode) {
    return { ok: false, observed: `exit code ${result.exitCode}${firstMeaningfulLine(result)}` };
  }
  let stdout: Pattern | undefined;
  let stderr: Pattern | undefined;
  let notStdout: Pattern | undefined;
  try {
    stdout = expect.stdout ? compilePattern(expect.stdout, LINES) : undefined;
    stderr = expect.stderr ? compilePattern(expect.stderr, LINES) : undefined;
    notStdout = expect.notStdout ? compilePattern(expect.notStdout, LINES) : undefined;
  } catch (error) {
    // A variable's value made the pattern invalid: the check fails and says why; nothing crashes.
    return {
      ok: false,
      observed: `the expected pattern, with its variables filled in, is ${(error as Error).message}`,
    };
  }
  if (stdout && !stdout.test(result.stdout)) {
    return { ok: false, observed: `output did not match${firstMeaningfulLine(result)}` };
  }
  if (stderr && !stderr.test(result.stderr)) {
    return { ok: false, observed: `errors did not match${firstMeaningfulLine(result)}` };
  }
  if (notStdout) {
    const match = notStdout.exec(result.stdout);
    if (match) return { ok: false, observed: `output contains "${lineAround(result.stdout, match.index)}"` };
  }
  const matched = stdout?.exec(result.stdout);
  return {
    ok: true,
    observed: matched ? `"${lineAround(result.stdout, matched.index)}"` : `exit code ${result.exitCode}`,
  };
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

function firstMeaningfulLine(result: ExecResult): string {
  const line =
    [...result.stderr.split(/\r?\n/), ...result.stdout.split(/\r?\n/)].find((l) =>
      /ERROR|error|fail/i.test(l),
    ) ??
    result.stderr.split(/\r?\n/).find((l) => l.trim()) ??
    result.stdout.split(/\r?\n/).find((l) => l.trim());
  return line ? `: ${line.trim().slice(0, 200)}` : '';
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text
    .slice(start, end === -1 ? undefined : end)
    .trim()
    .slice(0, 200);
}
