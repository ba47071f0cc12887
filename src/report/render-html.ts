import {
  describeElapsed,
  describeOperators,
  continueCommand,
  describeOutcome,
  headlineRows,
  formatClock,
  formatStamp,
} from './format-report.js';
import { renderHtmlStep, STEP_CSS } from './html-step.js';
import { renderPage } from './html-page.js';
import { type Html, html } from './html-text.js';
import type { RunView } from './run-view.js';
import { renderTimelineLegend, renderTimelineSvg, TIMELINE_CSS } from './timeline-svg.js';

/** The run report as one self-contained HTML file: opens offline, prints cleanly. */
export function renderHtmlReport(view: RunView): string {
  const body = html`<header>
<h1>Run report: ${view.runbook.title}</h1>
${renderFacts(view)}
</header>
${renderSessions(view)}
${renderInputs(view)}
<section class="timeline"><h2>Timeline</h2>${renderTimelineSvg(view)}${renderTimelineLegend()}</section>
${renderGrade(view)}
${renderSteps(view)}
${view.notReached.length ? html`<section class="not-reached"><h2>Not reached</h2><ul>${view.notReached.map((s) => html`<li><code>${s.id}</code> ${s.title ?? ''}</li>`)}</ul></section>` : ''}
<footer>Built from the journal of run <code>${view.runId}</code> (check it with <code>sso-failover journal verify ${view.runId}</code>). Outputs and values were redacted before they were journaled.</footer>`;
  return renderPage(`Run report ${view.runId}`, body, TIMELINE_CSS + STEP_CSS);
}

function renderFacts(view: RunView): Html {
  const outcomeClass = view.outcome === 'succeeded' ? 'ok' : view.outcome === 'interrupted' ? 'warn' : 'bad';
  const overBudget = view.elapsedMs > view.rtoMs;
  const rows: [string, Html | string][] = [
    ['Run', html`<code>${view.runId}</code>`],
    [
      'Runbook',
      html`<code>${view.runbook.id}</code> <span class="muted">(${view.runbook.file}, sha256 ${view.runbook.sha256.slice(0, 12)}…)</span>`,
    ],
    ['Environment', view.environment],
    ['Kind', view.drill ? 'drill (practice on the lab)' : 'real failover'],
    ['Operator', describeOperators(view)],
    ['Started', formatStamp(view.startedAt)],
    ['Ended', view.endedAt ? formatStamp(view.endedAt) : 'not finished'],
    ['Outcome', html`<b class="${outcomeClass}">${describeOutcome(view)}</b>`],
    ...headlineRows(view),
    ['Elapsed', html`<span class="${overBudget ? 'bad' : ''}">${describeElapsed(view)}</span>`],
  ];
  const resume = continueCommand(view);
  if (resume)
    rows.splice(rows.findIndex(([k]) => k === 'Outcome') + 1, 0, [
      'Continue with',
      html`<code>${resume}</code>`,
    ]);
  return html`<table class="facts">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`;
}

function renderSessions(view: RunView): Html {
  if (view.sessions.length < 2) return html``;
  const items = view.sessions.map((s, i) => {
    if (s.kind === 'started') return html`<li>Started ${formatStamp(s.at)} by <b>${s.operator}</b></li>`;
    const gap = view.interruptions[i - 1];
    return html`<li>Resumed ${formatStamp(s.at)} by <b>${s.operator}</b>${s.handedOverFrom ? html`, handed over from <b>${s.handedOverFrom}</b>` : ''}${gap ? html` <span class="muted">(the previous session's last record was at ${formatClock(new Date(gap.fromMs).toISOString())})</span>` : ''}${s.inDoubt ? html`; step <code>${s.inDoubt}</code> was in doubt` : ''}</li>`;
  });
  return html`<section class="sessions"><h2>Sessions</h2><ul>${items}</ul></section>`;
}

function renderInputs(view: RunView): Html {
  if (view.inputs.length === 0) return html``;
  return html`<section class="inputs"><h2>Inputs</h2><ul>${view.inputs.map((i) =>
    i.secret
      ? html`<li>Secret <code>${i.key}</code>: never recorded</li>`
      : html`<li><code>${i.key}</code> = <code>${i.value ?? ''}</code></li>`,
  )}</ul></section>`;
}

function renderGrade(view: RunView): Html {
  const grade = view.grade;
  if (!grade)
    return view.drill
      ? html`<section class="grade"><h2>Drill grade</h2><p>No drill-grade.json in the run folder: the drill was not graded.</p></section>`
      : html``;
  return html`<section class="grade"><h2>Drill grade</h2>
<p><b class="${grade.passed ? 'ok' : 'bad'}">${grade.passed ? 'PASSED' : 'NOT PASSED'}</b> · faults injected: ${grade.faults.length ? grade.faults.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`) : 'none'}</p>
<table><tr><th></th><th>Criterion</th><th>Detail</th></tr>${grade.criteria.map(
    (c) =>
      html`<tr class="criterion"><td class="${c.passed ? 'ok' : 'bad'}">${c.passed ? '✓' : '✗'}</td><td><code>${c.name}</code></td><td>${c.detail}</td></tr>`,
  )}</table></section>`;
}

function renderSteps(view: RunView): Html {
  const parts: Html[] = [];
  let phase: string | undefined;
  for (const [i, step] of view.steps.entries()) {
    if (step.phase && step.phase !== phase) {
      phase = step.phase;
      parts.push(html`<h3 class="phase-title">${phase}</h3>`);
    }
    parts.push(renderHtmlStep(step, i + 1));
  }
  return html`<section class="steps"><h2>Steps</h2>${parts}</section>`;
}
