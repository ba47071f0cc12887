import { checkWhere } from './check-where.js';
import {
  describeApprover,
  stepHeading,
  describeDecisionContext,
  formatClock,
  formatSpan,
  isLongOutput,
  normalizeOutput,
  STATUS_WORDS,
} from './format-report.js';
import { type Html, html } from './html-text.js';
import type { StepEntry, StepView } from './run-view.js';

export const STEP_CSS = `
.step { border: 1px solid var(--line); border-left: 6px solid var(--done); border-radius: 4px; padding: 8px 12px; margin: 10px 0; }
.step.skipped { border-left-color: var(--skipped); } .step.aborted, .step.canceled { border-left-color: var(--failed); }
.step.interrupted { border-left-color: var(--interrupted); } .step.not-applicable { border-left-color: var(--na); } .step.marked-done { border-left-color: var(--paper); }
.step h4 { margin: 0 0 2px; font-size: 14.5px; } .step .meta { margin: 0 0 6px; font-size: 12.5px; }
.step ul { margin: 0; padding-left: 20px; } .step li { margin: 3px 0; }
.phase-title { margin-top: 26px; }
@media print { .step { break-inside: avoid-page; } }
`;

/** One step: heading with its outcome, then what happened in order. */
export function renderHtmlStep(step: StepView, n: number): Html {
  const flags = [
    step.retries ? `${step.retries} retr${step.retries > 1 ? 'ies' : 'y'}` : '',
    step.rolledBack ? 'rolled back' : '',
    step.inDoubt ? 'in doubt after a resume' : '',
    step.spans.length > 1 && step.status !== 'marked-done' ? 'started again after a resume' : '',
  ].filter(Boolean);
  const first = step.spans[0];
  const waited = step.waits.reduce((sum, w) => sum + (w.toMs - w.fromMs), 0);
  return html`<article class="step ${step.status}" id="step-${step.id}" data-step="${step.id}">
<h4><span class="step-title">${stepHeading(step, n)}</span> <span class="badge ${step.status}">${STATUS_WORDS[step.status]}</span>${flags.length ? html` <span class="muted">(${flags.join(', ')})</span>` : ''}</h4>
<p class="meta muted"><code>${step.id}</code>${step.host ? html` · host ${step.host}` : ''}${first ? html` · started ${formatClock(new Date(first.fromMs).toISOString())}` : ''} · took ${formatSpan(step.durationMs)}${waited ? html` · waited for the operator ${formatSpan(waited)}` : ''}</p>
${step.entries.length ? html`<ul>${step.entries.map(renderEntry)}</ul>` : ''}
</article>`;
}

function renderEntry(entry: StepEntry): Html {
  const at = formatClock(entry.at);
  switch (entry.kind) {
    case 'check': {
      const cls = entry.ok ? 'ok' : entry.optional ? 'warn' : 'bad';
      const icon = entry.ok ? '✓' : entry.optional ? '⚠' : '✗';
      return html`<li class="check"><span class="${cls}">${icon}</span> ${entry.phase}-check <b>${entry.label}</b>${checkWhere(entry.label, entry.host)}: expected <code>${entry.expected}</code>; observed <code>${entry.observed}</code>${!entry.ok && entry.optional ? html` <span class="muted">(for information; the step went on)</span>` : ''}</li>`;
    }
    case 'input':
      return entry.secret
        ? html`<li>Secret <code>${entry.key}</code> entered at ${at} <span class="muted">(never recorded)</span></li>`
        : html`<li>Input <code>${entry.key}</code> = <code>${entry.value ?? ''}</code> at ${at}</li>`;
    case 'captured':
      return html`<li>Captured <code>${entry.name}</code> = <code>${entry.value}</code></li>`;
    case 'confirmation':
      return html`<li>${entry.given ? 'Confirmed' : html`<span class="bad">Declined</span>`} by <b>${entry.by}</b> at ${at}</li>`;
    case 'approval-requested':
      return html`<li class="approval">Approval requested from ${entry.needed === 1 ? 'a second person' : `${entry.needed} other people`} at ${at} by <b>${entry.requestedBy}</b> <span class="muted">(two-person rule)</span></li>`;
    case 'approval':
      return html`<li class="approval">${entry.approved ? html`<span class="ok">✓ Approved</span>` : html`<span class="bad">✗ Denied</span>`} by <b>${describeApprover(entry)}</b> at ${at}${entry.reason ? html`: ${entry.reason}` : ''}</li>`;
    case 'action':
      return renderAction(entry);
    case 'decision':
      return html`<li class="decision">Decision ${describeDecisionContext(entry.phase)}: <b>${entry.choice}</b>${entry.reason ? html` — ${entry.reason}` : ''} <span class="muted">(${entry.by}, ${at})</span></li>`;
    case 'failed':
      return html`<li class="bad">✗ Failed (${entry.phase}) at ${at}: ${entry.reason}</li>`;
    case 'skipped':
      return html`<li>Skipped by <b>${entry.by}</b> at ${at}; reason: ${entry.reason}</li>`;
    case 'rolled-back':
      return html`<li>⤺ Rolled back at ${at}</li>`;
    case 'interrupted':
      return html`<li class="warn">‖ The session ended here at ${at}${entry.inFlight ? html` while <code>${entry.inFlight}</code> was running: it may have half-run` : ''}</li>`;
    case 'in-doubt':
      return html`<li class="warn">In doubt after the resume at ${at} (${entry.by}): ${entry.checked ? 'the post-checks below decided, then the operator' : 'no check could confirm this step; the operator decided'}</li>`;
    case 'marked-done':
      return html`<li>☑ Done on paper, entered by <b>${entry.by}</b> at ${at}${entry.doneAt ? html` · time on the sheet ${entry.doneAt}` : ''}${entry.initials ? html` · initials ${entry.initials}` : ''}${entry.note ? html`: ${entry.note}` : ''}</li>`;
    case 'not-applicable':
      return html`<li class="muted">Not needed: the condition <code>${entry.condition}</code> was not true</li>`;
  }
}

function renderAction(entry: Extract<StepEntry, { kind: 'action' }>): Html {
  const what = entry.rollback ? 'Rollback' : entry.actionKind === 'manual' ? 'By hand' : 'Command';
  const head = html`${what}${entry.attempt > 1 ? ` (attempt ${entry.attempt})` : ''} on <b>${entry.host}</b> at ${formatClock(entry.at)}: <code>${entry.command}</code>`;
  const r = entry.result;
  if (!r) return html`<li class="action">${head} <span class="warn">— no result recorded</span></li>`;
  if (entry.actionKind === 'manual')
    return html`<li class="action">${head} — ${r.ok ? 'done' : html`<span class="bad">NOT done</span>`}, confirmed by <b>${entry.by ?? '?'}</b></li>`;
  return html`<li class="action">${head} → <span class="${(r.met ?? r.ok) ? 'ok' : 'bad'}">${(r.met ?? r.ok) ? '✓' : '✗'} exit ${r.exitCode ?? 'none'}</span> in ${formatSpan(r.durationMs)}${r.timedOut ? ', timed out' : ''}${r.canceled ? ', canceled' : ''}
${renderOutput('output', r.stdout)}${renderOutput('errors', r.stderr)}</li>`;
}

function renderOutput(name: string, raw: string): Html {
  const text = normalizeOutput(raw);
  if (!text) return html``;
  if (!isLongOutput(text)) return html`<pre class="${name}">${text}</pre>`;
  return html`<details><summary>${name} (${text.split('\n').length} lines)</summary><pre class="${name}">${text}</pre></details>`;
}
