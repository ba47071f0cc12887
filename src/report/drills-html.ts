import { formatDuration } from '../runbook/duration.js';
import { type DrillRecord, describeSkippedStep } from './drill-history.js';
import { formatSpan, formatStamp } from './format-report.js';
import { renderPage } from './html-page.js';
import { type Html, html } from './html-text.js';

const CSS = `
.trend svg { width: 100%; height: auto; font: 11px system-ui, sans-serif; } .trend .grid { stroke: var(--line); }
.trend .rto { stroke: var(--failed); stroke-dasharray: 6 4; } .trend .line { fill: none; stroke: #1565c0; stroke-width: 2; }
.trend .passed { fill: var(--done); } .trend .failed { fill: var(--failed); } .trend text { fill: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print { .trend { break-inside: avoid-page; } }
`;

/** Drill history as a page: per runbook, a trend of elapsed time against the RTO budget, then the table. */
export function renderDrillsHtml(drills: readonly DrillRecord[]): string {
  // One trend per runbook and per who answered: autopilot drills time the tool, operator drills people.
  const byRunbook = new Map<string, DrillRecord[]>();
  for (const drill of [...drills].sort((a, b) => a.startedAt.localeCompare(b.startedAt))) {
    const key = `${drill.runbookId} — ${drill.answeredBy === 'autopilot' ? 'autopilot drills' : drill.answeredBy === 'answers file' ? 'drills from an answers file' : 'operator drills'}`;
    byRunbook.set(key, [...(byRunbook.get(key) ?? []), drill]);
  }
  const sections = [...byRunbook].map(
    ([runbookId, list]) =>
      html`<section class="trend"><h2>${runbookId}</h2>${renderTrend(list)}${renderTable([...list].reverse())}</section>`,
  );
  const body = html`<h1>Drill history</h1>
<p class="muted">${drills.length} graded drill(s). Elapsed time is wall-clock time from the start of the run to its end, against the runbook's RTO budget.</p>
${drills.length ? sections : html`<p>No graded drills yet. Practise with <code>sso-failover drill</code>.</p>`}`;
  return renderPage('Drill history', body, CSS);
}

const W = 900;
const H = 260;
const PAD = { left: 70, right: 20, top: 20, bottom: 40 };

/** Elapsed time per drill (a point each, green passed, red not) and the RTO budget as a dashed line. */
export function renderTrend(drills: readonly DrillRecord[]): Html {
  const rto = Math.max(...drills.map((d) => d.rtoMs));
  const top = Math.max(rto, ...drills.map((d) => d.elapsedMs)) * 1.1 || 1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    round(PAD.left + (drills.length === 1 ? plotW / 2 : (i / (drills.length - 1)) * plotW));
  const y = (ms: number) => round(PAD.top + plotH - (ms / top) * plotH);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => top * f);
  const points = drills.map((d, i) => `${x(i)},${y(d.elapsedMs)}`).join(' ');
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Elapsed time per drill against the RTO budget">
${grid.map((ms) => html`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(ms)}" y2="${y(ms)}"/><text x="${PAD.left - 6}" y="${y(ms) + 4}" text-anchor="end">${formatDuration(ms)}</text>`)}
<line class="rto" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(rto)}" y2="${y(rto)}"/><text x="${W - PAD.right}" y="${y(rto) - 5}" text-anchor="end">RTO budget ${formatDuration(rto)}</text>
<polyline class="line" points="${points}"/>
${drills.map((d, i) => html`<circle class="point ${d.passed ? 'passed' : 'failed'}" cx="${x(i)}" cy="${y(d.elapsedMs)}" r="5"><title>${formatStamp(d.startedAt)}: ${formatSpan(d.elapsedMs)}, ${d.passed ? 'passed' : 'not passed'} (${d.faults.join(', ')})</title></circle><text x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${d.startedAt.slice(5, 10)}</text>`)}
</svg>`;
}

function renderTable(drills: readonly DrillRecord[]): Html {
  return html`<table><tr><th>Date (UTC)</th><th>Faults</th><th>Passed</th><th>Outcome</th><th>Elapsed</th><th>RTO</th><th>Skipped</th><th>Slowest step</th><th>Run</th></tr>${drills.map(
    (d) =>
      html`<tr class="drill"><td>${formatStamp(d.startedAt)}</td><td>${d.faults.join(', ')}</td><td class="${d.passed ? 'ok' : 'bad'}">${d.passed ? '✓ passed' : '✗ not passed'}</td><td>${d.outcome}</td><td class="num">${formatSpan(d.elapsedMs)}</td><td class="num">${formatDuration(d.rtoMs)}</td><td>${d.skipped.length ? d.skipped.map(describeSkippedStep).join('; ') : '-'}</td><td>${d.slowestStep ? html`${d.slowestStep.title} <span class="muted">(${formatSpan(d.slowestStep.durationMs)})</span>` : '-'}</td><td><code>${d.runId}</code></td></tr>`,
  )}</table>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
