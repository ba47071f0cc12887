import { writePrivateFile } from '../private-file.js';
import { join } from 'node:path';
import { ExitCode } from '../exit-codes.js';
import { createChalk } from '../operator/format-message.js';
import type { Environment } from '../runbook/environment-schema.js';
import type { Transport } from '../engine/ports.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { createLabTransport } from '../transports/lab.js';
import type { ExecutedRun } from './execute-run.js';
import { createInProcessLabRunner } from './in-process-lab-runner.js';
import type { loadLab } from './load-lab.js';
import { writeRunReports } from './report.js';

type Lab = Awaited<ReturnType<typeof loadLab>>;

/** The lab's tools in this process (fast), or as real processes (`process`: the faithful path). */
export function createDrillTransport(
  lab: Lab,
  environment: Environment,
  how: string | undefined,
): Transport | undefined {
  if (how === 'process' || !environment.lab) return undefined;
  const dir = environment.lab.dir;
  return createEnvironmentTransport(environment, {
    lab: createLabTransport(dir, createInProcessLabRunner(lab, dir, environment.lab.latencyMs)),
  });
}

/** Grade a drill's lab, keep the grade with the run (drill-grade.json), print it, and say how it went. */
export function gradeDrill(
  lab: Lab,
  labDir: string,
  run: ExecutedRun,
  options: { json?: boolean; runbookId: string },
): number {
  const verdict = lab.verifyLab(labDir, options.runbookId);
  const grade = {
    runId: run.runId,
    runbook: options.runbookId,
    passed: verdict.passed,
    criteria: verdict.criteria,
    elapsedMs: run.result.elapsedMs,
    faults: lab.readLabStatus(labDir).faults,
    labDir,
    outcome: run.result.outcome,
  };
  writePrivateFile(join(run.runDir, 'drill-grade.json'), `${JSON.stringify(grade, null, 2)}\n`);
  // Again, now that the grade exists: the drill's reports carry it.
  writeRunReports(run.runDir);
  printGrade(verdict);
  if (options.json) {
    const { runId, passed, criteria, elapsedMs } = grade;
    process.stdout.write(`${JSON.stringify({ runId, passed, criteria, elapsedMs })}\n`);
  }
  if (run.result.outcome === 'canceled') return run.exitCode;
  return verdict.passed ? ExitCode.ok : ExitCode.failed;
}

function printGrade(verdict: {
  passed: boolean;
  criteria: { name: string; passed: boolean; detail: string }[];
}): void {
  const c = createChalk(process.stdout);
  const lines = ['', c.bold('Drill grade (from the lab model):')];
  for (const criterion of verdict.criteria) {
    lines.push(
      `  ${criterion.passed ? c.green('✓') : c.red('✗')} ${criterion.name}${c.dim(` — ${criterion.detail}`)}`,
    );
  }
  lines.push(
    verdict.passed
      ? c.green.bold('PASSED: the drill reached every criterion.')
      : c.red.bold('NOT PASSED: see the ✗ criteria above; the journal shows what happened.'),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
