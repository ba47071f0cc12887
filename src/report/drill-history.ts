import type { RunView } from './run-view.js';

/** One past drill, as the history lists it. */
export type DrillRecord = {
  runId: string;
  runbookId: string;
  startedAt: string;
  faults: string[];
  passed: boolean;
  outcome: string;
  elapsedMs: number;
  rtoMs: number;
  slowestStep?: { id: string; title: string; durationMs: number };
};

/** A graded run's line in the drill history; undefined for runs that are not graded drills. */
export function summarizeDrill(view: RunView): DrillRecord | undefined {
  if (!view.grade) return undefined;
  const slowest = view.steps.reduce<RunView['steps'][number] | undefined>(
    (best, step) => (!best || step.durationMs > best.durationMs ? step : best),
    undefined,
  );
  return {
    runId: view.runId,
    runbookId: view.runbook.id,
    startedAt: view.startedAt,
    faults: view.grade.faults,
    passed: view.grade.passed,
    outcome: view.outcome,
    elapsedMs: view.elapsedMs,
    rtoMs: view.rtoMs,
    ...(slowest
      ? { slowestStep: { id: slowest.id, title: slowest.title, durationMs: slowest.durationMs } }
      : {}),
  };
}
