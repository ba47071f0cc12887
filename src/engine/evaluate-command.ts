import type { Expect } from '../runbook/schema.js';
import type { ExecResult } from './ports.js';

export type Evaluation = { ok: boolean; observed: string };

/** Judge a command's result against its expectations and say what was seen. */
export function evaluateCommand(result: ExecResult, expect: Expect): Evaluation {
  if (result.error) return { ok: false, observed: result.error };
  if (result.timedOut)
    return { ok: false, observed: `timed out after ${Math.round(result.durationMs / 1000)}s` };
  if (result.canceled) return { ok: false, observed: 'canceled' };
  if (result.exitCode !== expect.exitCode) {
    return { ok: false, observed: `exit code ${result.exitCode}${firstMeaningfulLine(result)}` };
  }
  if (expect.stdout && !new RegExp(expect.stdout, 'im').test(result.stdout)) {
    return { ok: false, observed: `output did not match${firstMeaningfulLine(result)}` };
  }
  if (expect.stderr && !new RegExp(expect.stderr, 'im').test(result.stderr)) {
    return { ok: false, observed: `errors did not match${firstMeaningfulLine(result)}` };
  }
  if (expect.notStdout) {
    const match = new RegExp(expect.notStdout, 'im').exec(result.stdout);
    if (match) return { ok: false, observed: `output contains "${lineAround(result.stdout, match.index)}"` };
  }
  const matched = expect.stdout ? new RegExp(expect.stdout, 'im').exec(result.stdout) : null;
  return {
    ok: true,
    observed: matched ? `"${lineAround(result.stdout, matched.index)}"` : `exit code ${result.exitCode}`,
  };
}

/** Named groups of every capture regex that matches stdout. */
export function captureVariables(stdout: string, patterns: readonly string[]): Record<string, string> {
  const captured: Record<string, string> = {};
  for (const pattern of patterns) {
    const groups = new RegExp(pattern, 'im').exec(stdout)?.groups;
    for (const [name, value] of Object.entries(groups ?? {}))
      if (value !== undefined) captured[name] = value.trim();
  }
  return captured;
}

function firstMeaningfulLine(result: ExecResult): string {
  const line =
    [...result.stderr.split(/\r?\n/), ...result.stdout.split(/\r?\n/)].find((l) =>
      // "Exception calling …" is how PowerShell reports a failed COM call (ISSOConfigSS)
      /ERROR|error|fail|^Exception calling/i.test(l),
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
