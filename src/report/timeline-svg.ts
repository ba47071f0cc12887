import { formatSpan, STATUS_WORDS } from './format-report.js';
import { html, type Html, raw } from './html-text.js';
import type { RunView, StepView } from './run-view.js';
import { createTimeScale, type TimeScale } from './time-scale.js';

const WIDTH = 1000;
const LABEL_WIDTH = 330;
const BAR_X = LABEL_WIDTH + 10;
const BAR_WIDTH = WIDTH - BAR_X - 15;
const ROW = 20;
const TOP = 30;
const LABEL_CHARS = 48;

export const TIMELINE_CSS = `
.timeline svg { width: 100%; height: auto; font: 11px system-ui, sans-serif; }
.timeline .axis line { stroke: var(--line); } .timeline .axis text { fill: var(--muted); }
.timeline .label { fill: var(--ink); }
.bar .span { fill: var(--done); } .bar.skipped .span { fill: url(#skipped); } .bar.aborted .span, .bar.canceled .span { fill: var(--failed); }
.bar.interrupted .span { fill: var(--interrupted); } .bar.not-applicable .span { fill: var(--na); } .bar.marked-done .span { fill: var(--paper); }
.bar .wait { fill: url(#waiting); } .mark { font-size: 13px; font-weight: 700; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.mark.retry { fill: var(--interrupted); } .mark.failure { fill: var(--failed); } .mark.rollback { fill: #6a1b9a; }
.gap { fill: url(#gap); } .gap-label { fill: var(--muted); font-style: italic; }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
@media print { .timeline { break-inside: avoid-page; } }
`;

/** One bar per step on a shared time axis; colour by outcome, operator waits hatched, marks for retries. */
export function renderTimelineSvg(view: RunView): Html {
  const scale = createTimeScale(view);
  const height = TOP + view.steps.length * ROW + 10;
  const x = (ms: number) => Math.round((BAR_X + scale.position(ms) * BAR_WIDTH) * 10) / 10;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Timeline of ${view.steps.length} steps">
${raw(PATTERNS)}
${renderAxis(scale, x, height)}
${view.interruptions.map((g) => html`<rect class="gap" x="${x(g.fromMs)}" y="${TOP - 8}" width="${Math.max(4, x(g.toMs) - x(g.fromMs))}" height="${height - TOP}"><title>interrupted for ${formatSpan(g.toMs - g.fromMs)}</title></rect><text class="gap-label" x="${x(g.fromMs) + 2}" y="${height - 2}">interrupted ${formatSpan(g.toMs - g.fromMs)}</text>`)}
${view.steps.map((step, i) => renderBar(step, i, x))}
</svg>`;
}

const PATTERNS = `<defs>
<pattern id="waiting" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3c4"/><rect width="3" height="6" fill="#f9a825"/></pattern>
<pattern id="skipped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eceff1"/><rect width="2" height="6" fill="#8d959e"/></pattern>
<pattern id="gap" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="8" height="8" fill="#fafafa"/><rect width="1" height="8" fill="#b0b7bf"/></pattern>
</defs>`;

function renderAxis(scale: TimeScale, x: (ms: number) => number, height: number): Html {
  // Ticks squeezed together by a compressed interruption are dropped, so labels never overlap.
  const ticks: number[] = [];
  for (const t of scale.ticks(8)) if (ticks.length === 0 || x(t) - x(ticks.at(-1)!) >= 60) ticks.push(t);
  return html`<g class="axis">${ticks.map(
    (t) =>
      html`<line x1="${x(t)}" y1="${TOP - 6}" x2="${x(t)}" y2="${height - 12}"/><text x="${x(t)}" y="${TOP - 12}" text-anchor="middle">+${formatSpan(t - scale.startMs)}</text>`,
  )}</g>`;
}

function renderBar(step: StepView, index: number, x: (ms: number) => number): Html {
  const y = TOP + index * ROW;
  const label = `${index + 1}. ${step.title}`;
  const shown = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
  const tip = `${label} [${step.id}] — ${STATUS_WORDS[step.status]}, ${formatSpan(step.durationMs)}${step.retries ? `, ${step.retries} retries` : ''}`;
  const rect = (cls: string, from: number, to: number, inset: number) =>
    html`<rect class="${cls}" x="${x(from)}" y="${y + inset}" width="${Math.max(3, x(to) - x(from))}" height="${ROW - 6 - 2 * inset}" rx="2"/>`;
  return html`<g class="bar ${step.status}" data-step="${step.id}" data-status="${step.status}"><title>${tip}</title>
<text class="label" x="4" y="${y + 11}">${shown}</text>
${step.spans.map((s) => rect('span', s.fromMs, s.toMs, 0))}
${step.waits.map((w) => rect('wait', w.fromMs, w.toMs, 3))}
${step.marks.map((m) => html`<text class="mark ${m.kind}" x="${x(m.atMs)}" y="${y + 11}" text-anchor="middle">${m.kind === 'retry' ? '↻' : m.kind === 'failure' ? '✗' : '⤺'}</text>`)}
</g>`;
}

/** The legend under the picture, in HTML so it prints with the page. */
export function renderTimelineLegend(): Html {
  const item = (color: string, text: string) => html`<span><i style="background:${color}"></i>${text}</span>`;
  return html`<p class="legend muted">${item('var(--done)', 'done')}${item('var(--failed)', 'aborted / canceled')}${item('var(--interrupted)', 'interrupted')}${item('#8d959e', 'skipped')}${item('var(--na)', 'not needed')}${item('var(--paper)', 'done on paper')}${item('#f9a825', 'waiting for the operator')}<span>↻ retry</span><span>✗ failure</span><span>⤺ rollback</span></p>`;
}
