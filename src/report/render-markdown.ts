import {
  continueCommand,
  describeElapsed,
  describeOperators,
  describeOutcome,
  formatClock,
  headlineRows,
  formatStamp,
} from './format-report.js';
import { renderMarkdownStep } from './markdown-step.js';
import { codeBlock, codeSpan, escapeMarkdown, tableCell } from './markdown-text.js';
import { renderTextTimeline } from './markdown-timeline.js';
import type { RunView } from './run-view.js';

/** The run report as Markdown: for the incident record, a ticket or a chat. */
export function renderMarkdownReport(view: RunView): string {
  const parts = [
    `# Run report: ${escapeMarkdown(view.runbook.title)}`,
    renderFacts(view),
    ...renderSessions(view),
    ...renderInputs(view),
    `## Timeline\n\n${codeBlock(renderTextTimeline(view))}\n\n█ running · ▒ waiting for the operator · ░ skipped · · not needed · ✗ failure · ↻ retry · ⤺ rollback · ‖ interrupted`,
    ...renderGrade(view),
    renderSteps(view),
    ...renderNotReached(view),
    `---\nBuilt from the journal of run ${codeSpan(view.runId)} (check it with ${codeSpan(`sso-failover journal verify ${view.runId}`)}). Outputs and values were redacted before they were journaled.`,
  ];
  return `${parts.join('\n\n')}\n`;
}

function renderFacts(view: RunView): string {
  const rows: [string, string][] = [
    ['Run', codeSpan(view.runId)],
    [
      'Runbook',
      `${codeSpan(view.runbook.id)} (${tableCell(view.runbook.file)}, sha256 ${view.runbook.sha256.slice(0, 12)}…)`,
    ],
    ['Environment', tableCell(view.environment)],
    ['Kind', view.drill ? 'drill (practice on the lab)' : 'real failover'],
    ['Operator', tableCell(describeOperators(view))],
    ['Started', formatStamp(view.startedAt)],
    ['Ended', view.endedAt ? formatStamp(view.endedAt) : 'not finished'],
    ['Outcome', tableCell(describeOutcome(view))],
    ...headlineRows(view).map(([label, value]): [string, string] => [label, tableCell(value)]),
    ['Elapsed', tableCell(describeElapsed(view))],
  ];
  const resume = continueCommand(view);
  if (resume)
    rows.splice(rows.findIndex(([k]) => k === 'Outcome') + 1, 0, ['Continue with', codeSpan(resume)]);
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function renderSessions(view: RunView): string[] {
  if (view.sessions.length < 2) return [];
  const lines = view.sessions.map((s, i) => {
    if (s.kind === 'started') return `- Started ${formatStamp(s.at)} by ${escapeMarkdown(s.operator)}`;
    const gap = view.interruptions[i - 1];
    const since = gap
      ? ` (the previous session's last record was at ${formatClock(new Date(gap.fromMs).toISOString())})`
      : '';
    const doubt = s.inDoubt ? `; step ${codeSpan(s.inDoubt)} was in doubt` : '';
    const handoff = s.handedOverFrom ? `, handed over from ${escapeMarkdown(s.handedOverFrom)}` : '';
    return `- Resumed ${formatStamp(s.at)} by ${escapeMarkdown(s.operator)}${handoff}${since}${doubt}`;
  });
  return [`## Sessions\n\n${lines.join('\n')}`];
}

function renderInputs(view: RunView): string[] {
  if (view.inputs.length === 0) return [];
  const lines = view.inputs.map((i) =>
    i.secret
      ? `- Secret ${codeSpan(i.key)}: never recorded`
      : `- ${codeSpan(i.key)} = ${codeSpan(i.value ?? '')}`,
  );
  return [`## Inputs\n\n${lines.join('\n')}`];
}

function renderGrade(view: RunView): string[] {
  const grade = view.grade;
  if (!grade)
    return view.drill
      ? ['## Drill grade\n\nNo drill-grade.json in the run folder: the drill was not graded.']
      : [];
  const rows = grade.criteria.map(
    (c) => `| ${c.passed ? '✓' : '✗'} | ${codeSpan(c.name)} | ${tableCell(c.detail)} |`,
  );
  return [
    [
      '## Drill grade',
      '',
      `**${grade.passed ? 'PASSED' : 'NOT PASSED'}** · faults injected: ${grade.faults.map(codeSpan).join(', ') || 'none'}`,
      '',
      '| | Criterion | Detail |',
      '|---|---|---|',
      ...rows,
    ].join('\n'),
  ];
}

function renderSteps(view: RunView): string {
  const phased = view.steps.some((s) => s.phase);
  const out = phased ? [] : ['## Steps'];
  let phase: string | undefined;
  for (const [i, step] of view.steps.entries()) {
    if (step.phase && step.phase !== phase) {
      phase = step.phase;
      out.push(`## Steps: ${escapeMarkdown(phase)}`);
    }
    out.push(renderMarkdownStep(step, i + 1));
  }
  return out.join('\n\n');
}

function renderNotReached(view: RunView): string[] {
  if (view.notReached.length === 0) return [];
  return [
    `## Not reached\n\n${view.notReached.map((s) => `- ${codeSpan(s.id)}${s.title ? ` ${escapeMarkdown(s.title)}` : ''}`).join('\n')}`,
  ];
}
