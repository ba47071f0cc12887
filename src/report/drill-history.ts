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
  /** who answered: a person at a terminal, an answers file, or the autopilot (CI, demos) */
  answeredBy: 'operator' | 'answers file' | 'autopilot';
  /** steps skipped, with the reason typed, and the number the screen showed */
  skipped: { id: string; reason: string; number?: number }[];
  /** how long the same run takes on real servers, when the drill measured it */
  labElapsedMs?: number;
  slowestStep?: { id: string; title: string; durationMs: number };
};

/** Autopilot drills measure the tool, operator drills measure people: their trends are kept apart. */
export function answeredBy(view: RunView): DrillRecord['answeredBy'] {
  const who = view.sessions.map((s) => s.operator);
  if (who.every((o) => o === 'autopilot')) return 'autopilot';
  if (who.every((o) => o.startsWith('answers file'))) return 'answers file';
  return 'operator';
}

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
    answeredBy: answeredBy(view),
    skipped: view.steps
      .filter((step) => step.status === 'skipped')
      .map((step) => {
        const entry = step.entries.findLast((e) => e.kind === 'skipped');
        const reason = entry?.kind === 'skipped' ? entry.reason : '';
        return { id: step.id, reason, ...(step.number ? { number: step.number } : {}) };
      }),
    ...(view.grade.labElapsedMs !== undefined ? { labElapsedMs: view.grade.labElapsedMs } : {}),
    ...(slowest
      ? { slowestStep: { id: slowest.id, title: slowest.title, durationMs: slowest.durationMs } }
      : {}),
  };
}

/** A skipped step as every summary names it: `step 10 check-msdtc (reason)`. */
export function describeSkippedStep(skip: { id: string; reason: string; number?: number }): string {
  const name = skip.number ? `step ${skip.number} ${skip.id.replace(/@(.+)$/, ' on $1')}` : skip.id;
  return `${name} (${skip.reason})`;
}
