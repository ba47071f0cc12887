import { writePrivateFile } from '../private-file.js';
import { join } from 'node:path';
import { ExitCode } from '../exit-codes.js';
import { formatDuration } from '../runbook/duration.js';
import { createChalk } from '../operator/format-message.js';
import type { ExecutedRun } from '../session/execute-run.js';
import type { loadLab } from './load-lab.js';
import { writeRunReports } from '../session/write-run-reports.js';
import { formatReportPaths } from '../session/report-paths.js';
import { createStatusSymbols } from '../operator/status-symbols.js';

type Lab = Awaited<ReturnType<typeof loadLab>>;

/**
 * Grade a drill's lab, keep the grade with the run (drill-grade.json), print it, and say how it went.
 * An interrupted drill (Ctrl+C, a signal) is not graded: it is not over, and grading a half-done failover
 * would print a wall of ✗ under the resume command. It is graded when the resumed run ends.
 */
export function gradeDrill(
  lab: Lab,
  labDir: string,
  run: ExecutedRun,
  options: { json?: boolean; runbookId: string },
): number {
  if (run.result.outcome === 'canceled') return reportInterrupted(run, options.json === true);
  const verdict = lab.verifyLab(labDir, options.runbookId);
  const grade = {
    runId: run.runId,
    runbook: options.runbookId,
    passed: verdict.passed,
    criteria: verdict.criteria,
    elapsedMs: run.result.elapsedMs,
    ...(run.labElapsedMs !== undefined ? { labElapsedMs: run.labElapsedMs } : {}),
    faults: lab.readLabStatus(labDir).faults,
    labDir,
    outcome: run.outcome.outcome,
    counts: run.outcome.counts,
  };
  writePrivateFile(join(run.runDir, 'drill-grade.json'), `${JSON.stringify(grade, null, 2)}\n`);
  // Again, now that the grade exists: the drill's reports carry it.
  writeRunReports(run.runDir, run.resumeCommand);
  printGrade(verdict);
  if (run.labElapsedMs !== undefined)
    process.stdout.write(
      `Took ${formatDuration(run.result.elapsedMs)}; on real servers, with each wait as long as the lab models it, the same run takes about ${formatDuration(run.labElapsedMs)}.\n`,
    );
  process.stdout.write(`${formatReportPaths(run.runDir)}\n`);
  if (options.json) {
    const { runId, passed, criteria, elapsedMs } = grade;
    const { outcome, counts, skipped, failed, stoppedAt } = run.outcome;
    const steps = { outcome, counts, skipped, failed, ...(stoppedAt ? { stoppedAt } : {}) };
    const labElapsedMs = run.labElapsedMs;
    process.stdout.write(
      `${JSON.stringify({ runId, passed, criteria, elapsedMs, labElapsedMs, ...steps })}\n`,
    );
  }
  return verdict.passed ? ExitCode.ok : ExitCode.failed;
}

function reportInterrupted(run: ExecutedRun, json: boolean): number {
  const c = createChalk(process.stdout);
  process.stdout.write(
    `\n${c.bold('Drill interrupted: not graded yet.')} It is graded when it ends; resume it with the command above.\n${formatReportPaths(run.runDir)}\n`,
  );
  if (json)
    process.stdout.write(
      `${JSON.stringify({ runId: run.runId, interrupted: true, resumeCommand: run.resumeCommand, elapsedMs: run.result.elapsedMs })}\n`,
    );
  return run.exitCode;
}

function printGrade(verdict: {
  passed: boolean;
  criteria: { name: string; passed: boolean; detail: string }[];
}): void {
  const c = createChalk(process.stdout);
  const symbols = createStatusSymbols();
  const lines = ['', c.bold('Drill grade (from the lab model):')];
  for (const criterion of verdict.criteria) {
    lines.push(
      `  ${criterion.passed ? c.green(symbols.ok) : c.red(symbols.fail)} ${criterion.name}${c.dim(` — ${criterion.detail}`)}`,
    );
  }
  lines.push(
    verdict.passed
      ? c.green.bold('PASSED: the drill reached every criterion.')
      : c.red.bold(`NOT PASSED: see the ${symbols.fail} criteria above; the journal shows what happened.`),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
