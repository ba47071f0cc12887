import type { PlannedStep } from '../runbook/build-plan.js';
import {
  APPROVAL_NOTE,
  needsApproval,
  BLANK,
  type Checklist,
  CONSOLE_NOTE,
  countSteps,
  groupByPhase,
  hostOf,
  isSecret,
  SECRET_NOTE,
  stepHeading,
  stepNotes,
} from './checklist.js';
import { renderPage } from './html-page.js';
import { escapeHtml, type Html, html, raw } from './html-text.js';

const CHECKLIST_CSS = `
.phase { margin-top: 8px; } .phase > h2 { margin-top: 8px; }
.step { border: 1px solid #9aa3ad; border-radius: 4px; padding: 8px 12px; margin: 12px 0; }
.step h3 { margin: 0 0 4px; } .box { display: inline-block; width: 14px; height: 14px; border: 1.5px solid var(--ink); margin-right: 6px; vertical-align: -2px; }
.step ul { list-style: none; padding-left: 4px; margin: 4px 0; } .instructions { border-left: 3px solid var(--line); padding-left: 8px; color: var(--muted); white-space: pre-wrap; }
.blank { display: inline-block; min-width: 90px; border-bottom: 1.5px solid var(--ink); color: var(--muted); font-size: 9px; vertical-align: bottom; padding: 0 2px; }
.fill { display: inline-block; min-width: 110px; border-bottom: 1px solid var(--ink); }
.signoff { margin-top: 8px; display: flex; gap: 24px; flex-wrap: wrap; }
.rollback pre { background: #fff8f0; }
@media print {
  .phase + .phase { break-before: page; }
  .step { break-inside: avoid-page; }
  pre { background: none; }
}
`;

/** Values only known during the run become labelled blanks to write in. */
function withBlanks(text: string): Html {
  return raw(escapeHtml(text).replace(BLANK, (_, name: string) => `<span class="blank">${name}</span>`));
}

const fill = html`<span class="fill">&nbsp;</span>`;

/** The runbook as a printable checklist: boxes, the exact commands per host, page breaks between phases. */
export function renderChecklistHtml(list: Checklist): string {
  const { runbook, environment } = list;
  const phases = groupByPhase(list.steps).map(
    (group) =>
      html`<section class="phase"><h2>${group.phase ?? 'Steps'}</h2>${group.steps.map((step) => renderStep(step, list))}</section>`,
  );
  const body = html`<header>
<h1>${runbook.title} — paper checklist</h1>
<p>Runbook <code>${runbook.id}</code> (sha256 ${runbook.sha256.slice(0, 12)}…) · environment <b>${environment.name}</b>${environment.drill ? ' (drill)' : ''} · RTO ${runbook.rto} · ${countSteps(list.steps)}</p>
<p>${runbook.summary.trim()}</p>
<p class="signoff"><span>Started at ${fill}</span><span>by ${fill}</span><span>Outage began at ${fill}</span><span>Incident ${fill}</span></p>
<p class="muted">Tick each box, write the time and your initials. When the tool is back, enter the steps done on paper with their time and initials, so their post-checks run and the run report shows them.</p>
${list.schedule ? html`<h2>Schedule</h2><p>Register it once, in an elevated prompt on <b>${list.schedule.host}</b> (Windows Task Scheduler; <code>/RP *</code> asks for the password of ${list.schedule.runAs}):</p><pre class="schedule">${list.schedule.command}</pre>${list.schedule.warning ? html`<p>Warning: ${list.schedule.warning}</p>` : ''}` : ''}
${list.inputs.length ? html`<h2>Asked at the start</h2><ul>${list.inputs.map((i) => html`<li><b>${i.key}</b> (${i.type}): ${i.prompt} ${fill}</li>`)}</ul>` : ''}
</header>
${phases}
<footer>Generated from ${runbook.file}. Sources: ${runbook.sources.join('; ')}</footer>`;
  return renderPage(`Checklist: ${runbook.title} (${environment.name})`, body, CHECKLIST_CSS);
}

function renderStep(step: PlannedStep, list: Checklist): Html {
  if (step.runs === 'no')
    return html`<article class="step not-needed" data-step="${step.id}"><h3><span class="step-title">${stepHeading(step)}</span> — not needed here</h3><p class="muted">${step.notNeeded}; it runs ${step.condition}.</p></article>`;
  const checks = (title: string, list: string[]) =>
    list.length
      ? html`<p><b>${title}</b> — check, expect:</p><ul>${list.map((c) => {
          // What is checked, then its command on a line of its own.
          const [what, ...commands] = c.split('\n');
          return html`<li><span class="box"></span>${withBlanks(what!)}${commands.map((command) => html`<br><code>${withBlanks(command.trim())}</code>`)}</li>`;
        })}</ul>`
      : '';
  const action = step.action;
  return html`<article class="step" data-step="${step.id}">
<h3><span class="box"></span><span class="step-title">${withBlanks(stepHeading(step))}</span></h3>
<p class="muted"><code>${step.id}</code> · on <b>${withBlanks(hostOf(step))}</b></p>
${stepNotes(step).map((note) => html`<p>${withBlanks(note)}</p>`)}
${step.instructions ? html`<p class="instructions">${withBlanks(step.instructions)}</p>` : ''}
${step.inputs.map((input) => html`<p>Asks ${withBlanks(input)} ${isSecret(input) ? html`<i>${SECRET_NOTE}</i>` : fill}</p>`)}
${checks('Before', step.pre)}
${action?.atConsole ? html`<p><b>Do at the console of ${withBlanks(action.host)}</b> (confirm: ${action.confirm}):</p><pre class="command">${withBlanks(action.atConsole.text)}</pre><p>${CONSOLE_NOTE}</p>${action.atConsole.note ? html`<p>${withBlanks(action.atConsole.note)}</p>` : ''}` : action ? html`<p><b>${action.kind === 'manual' ? 'Do by hand' : html`Do on ${withBlanks(action.host)}`}</b>${action.kind === 'manual' ? '' : ` (confirm: ${action.confirm})`}:</p><pre class="command">${withBlanks(action.text)}</pre>${action.stdinNote ? html`<p class="muted">(${action.stdinNote})</p>` : ''}` : ''}
${needsApproval(list, step) ? html`<div class="approval"><p><b>${APPROVAL_NOTE}</b></p>${Array.from({ length: list.approvals! }, () => html`<p class="signoff"><span><span class="box"></span>Approved by ${fill}</span><span>at ${fill}</span><span>or denied, why ${fill}</span></p>`)}</div>` : ''}
${checks('After', step.post)}
${step.rollback ? html`<div class="rollback"><p><b>Rollback</b> on ${withBlanks(step.rollback.host)}:</p><pre>${withBlanks(step.rollback.text)}</pre></div>` : ''}
${step.irreversible ? html`<p class="muted">No rollback: ${step.irreversible}</p>` : ''}
<p class="signoff"><span>Done at ${fill}</span><span>Initials ${fill}</span><span>Skipped / failed, why ${fill}${fill}</span></p>
</article>`;
}
