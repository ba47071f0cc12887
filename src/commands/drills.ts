import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listRuns, runsDir } from '../journal/list-runs.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createChalk } from '../operator/format-message.js';
import { formatTable } from '../operator/format-table.js';
import { type DrillRecord, describeSkippedStep, summarizeDrill } from '../report/drill-history.js';
import { renderDrillsHtml } from '../report/drills-html.js';
import { formatSpan } from '../report/format-report.js';
import { cliCommandLine } from '../session/cli-invocation.js';
import { writeDocument } from '../report/write-document.js';
import { loadRunView } from '../session/write-run-reports.js';

export type DrillsOptions = { stateDir?: string; json?: boolean; html?: string };

/** `sso-failover drills`: every graded drill, newest first; --html adds the trend against the RTO. */
export async function drillsCommand(options: DrillsOptions): Promise<number> {
  const stateDir = resolveStateDir(options.stateDir);
  const drills = listDrills(stateDir);
  if (options.html) writeDocument(renderDrillsHtml(drills), options.html);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(drills)}\n`);
    return 0;
  }
  if (drills.length === 0) {
    process.stdout.write(`No graded drills in ${stateDir}. Practise with: ${cliCommandLine(['drill'])}\n`);
    return 0;
  }
  const c = createChalk(process.stdout);
  const groups: [string, DrillRecord[]][] = [
    ['Drills answered by an operator', drills.filter((d) => d.answeredBy === 'operator')],
    ['Drills answered from an answers file', drills.filter((d) => d.answeredBy === 'answers file')],
    [
      'Autopilot drills (CI, demos: they time the tool, not people)',
      drills.filter((d) => d.answeredBy === 'autopilot'),
    ],
  ];
  const parts = groups
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => `${c.bold(title)}\n${renderDrillsTable(list, c)}`);
  process.stdout.write(parts.join('\n'));
  return 0;
}

/** Runs with a drill-grade.json, newest first. */
export function listDrills(stateDir: string): DrillRecord[] {
  return listRuns(stateDir).flatMap((run) => {
    const runDir = join(runsDir(stateDir), run.runId);
    if (!existsSync(join(runDir, 'drill-grade.json'))) return [];
    const view = loadRunView(runDir);
    const drill = view && summarizeDrill(view);
    return drill ? [drill] : [];
  });
}

function renderDrillsTable(drills: readonly DrillRecord[], c: ReturnType<typeof createChalk>): string {
  const header = [
    'DATE (UTC)',
    'RUNBOOK',
    'FAULTS',
    'PASSED',
    'ELAPSED',
    'ON REAL SERVERS',
    'SKIPPED',
    'SLOWEST STEP',
  ];
  const rows = drills.map((d) => [
    d.startedAt.replace('T', ' ').slice(0, 16),
    d.runbookId,
    d.faults.join(','),
    d.passed ? 'yes' : 'NO',
    `${formatSpan(d.elapsedMs)} / ${formatSpan(d.rtoMs)}`,
    d.labElapsedMs !== undefined ? formatSpan(d.labElapsedMs) : '-',
    d.skipped.length ? d.skipped.map(describeSkippedStep).join('; ') : '-',
    d.slowestStep ? `${d.slowestStep.id} (${formatSpan(d.slowestStep.durationMs)})` : '-',
  ]);
  return formatTable(header, rows, c);
}
