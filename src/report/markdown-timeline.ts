import { formatSpan, STATUS_WORDS } from './format-report.js';
import type { RunView, StepView } from './run-view.js';
import { createTimeScale } from './time-scale.js';

const WIDTH = 50;
const LABEL = 34;

/**
 * The timeline as text, for the Markdown report: one row per step on a shared time axis.
 * █ running · ▒ waiting for the operator · ░ skipped · ✗ a failure · ↻ a retry · ‖ interrupted.
 */
export function renderTextTimeline(view: RunView): string {
  const scale = createTimeScale(view);
  const column = (ms: number) => Math.round(scale.position(ms) * (WIDTH - 1));
  const axis = Array.from({ length: WIDTH }, () => ' ');
  for (const gap of view.interruptions) axis[column(gap.fromMs)] = '‖';
  const end = formatSpan(scale.endMs - scale.startMs);
  const header = `${''.padEnd(LABEL)} 0${' '.repeat(Math.max(1, WIDTH - 1 - end.length))}${end}`;
  const rows = view.steps.map((step, i) => renderRow(step, i + 1, column));
  return [header, `${''.padEnd(LABEL)}|${axis.join('').trimEnd()}`, ...rows].join('\n');
}

function renderRow(step: StepView, n: number, column: (ms: number) => number): string {
  const cells = Array.from({ length: WIDTH }, () => ' ');
  const fill = step.status === 'skipped' ? '░' : step.status === 'not-applicable' ? '·' : '█';
  for (const span of step.spans)
    for (let c = column(span.fromMs); c <= column(span.toMs); c++) cells[c] = fill;
  for (const wait of step.waits)
    for (let c = column(wait.fromMs); c <= column(wait.toMs); c++) if (cells[c] === '█') cells[c] = '▒';
  for (const mark of step.marks)
    cells[column(mark.atMs)] = mark.kind === 'retry' ? '↻' : mark.kind === 'failure' ? '✗' : '⤺';
  const label = `${String(n).padStart(2)} ${step.id}`;
  const clipped = label.length > LABEL - 1 ? `${label.slice(0, LABEL - 2)}…` : label;
  const words =
    STATUS_WORDS[step.status] +
    (step.retries ? `, ${step.retries} retr${step.retries > 1 ? 'ies' : 'y'}` : '');
  return `${clipped.padEnd(LABEL)}|${cells.join('')}| ${words} · ${formatSpan(step.durationMs)}`;
}
