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
import { codeBlock, codeSpan, escapeMarkdown } from './markdown-text.js';
import type { StepEntry, StepView } from './run-view.js';

/** One step of the Markdown report: heading, then what happened, in order. */
export function renderMarkdownStep(step: StepView, n: number): string {
  const flags = [
    step.retries ? `${step.retries} retr${step.retries > 1 ? 'ies' : 'y'}` : '',
    step.rolledBack ? 'rolled back' : '',
    step.inDoubt ? 'in doubt after a resume' : '',
    step.spans.length > 1 && step.status !== 'marked-done' ? 'started again after a resume' : '',
  ].filter(Boolean);
  const heading = `### ${escapeMarkdown(stepHeading(step, n))} — ${STATUS_WORDS[step.status]}${flags.length ? ` (${flags.join(', ')})` : ''}`;
  const first = step.spans[0];
  const meta = [
    codeSpan(step.id),
    step.host ? `host ${escapeMarkdown(step.host)}` : '',
    first ? `started ${formatClock(new Date(first.fromMs).toISOString())}` : '',
    `took ${formatSpan(step.durationMs)}`,
    step.waits.length ? `waited for the operator ${formatSpan(sumWaits(step))}` : '',
  ].filter(Boolean);
  const lines = step.entries.flatMap(renderEntry);
  return [heading, '', meta.join(' · '), ...(lines.length ? ['', ...lines] : [])].join('\n');
}

function sumWaits(step: StepView): number {
  return step.waits.reduce((sum, w) => sum + (w.toMs - w.fromMs), 0);
}

function renderEntry(entry: StepEntry): string[] {
  const at = formatClock(entry.at);
  switch (entry.kind) {
    case 'check': {
      const icon = entry.ok ? '✓' : entry.optional ? '⚠' : '✗';
      const note = !entry.ok && entry.optional ? ' (for information; the step went on)' : '';
      return [
        `- ${icon} ${entry.phase}-check ${escapeMarkdown(entry.label)}${escapeMarkdown(checkWhere(entry.label, entry.host))}: expected ${codeSpan(entry.expected)}; observed ${codeSpan(entry.observed)}${note}`,
      ];
    }
    case 'input':
      return [
        entry.secret
          ? `- Secret ${codeSpan(entry.key)} entered at ${at} (never recorded)`
          : `- Input ${codeSpan(entry.key)} = ${codeSpan(entry.value ?? '')} at ${at}`,
      ];
    case 'captured':
      return [`- Captured ${codeSpan(entry.name)} = ${codeSpan(entry.value)}`];
    case 'confirmation':
      return [`- ${entry.given ? 'Confirmed' : 'Declined'} by ${escapeMarkdown(entry.by)} at ${at}`];
    case 'approval-requested':
      return [
        `- Approval requested from ${entry.needed === 1 ? 'a second person' : `${entry.needed} other people`} at ${at} by ${escapeMarkdown(entry.requestedBy)} (two-person rule)`,
      ];
    case 'approval':
      return [
        `- ${entry.approved ? '✓ Approved' : '✗ Denied'} by ${escapeMarkdown(describeApprover(entry))} at ${at}${entry.reason ? `: ${escapeMarkdown(entry.reason)}` : ''}`,
      ];
    case 'action':
      return renderAction(entry);
    case 'decision':
      return [
        `- Decision ${describeDecisionContext(entry.phase)}: **${entry.choice}**${entry.reason ? ` — ${escapeMarkdown(entry.reason)}` : ''} (${escapeMarkdown(entry.by)}, ${at})`,
      ];
    case 'failed':
      return [`- ✗ Failed (${entry.phase}) at ${at}: ${escapeMarkdown(entry.reason)}`];
    case 'skipped':
      return [`- Skipped by ${escapeMarkdown(entry.by)} at ${at}; reason: ${escapeMarkdown(entry.reason)}`];
    case 'rolled-back':
      return [`- ⤺ Rolled back at ${at}`];
    case 'interrupted':
      return [
        `- ‖ The session ended here at ${at}${entry.inFlight ? ` while ${codeSpan(entry.inFlight)} was running: it may have half-run` : ''}`,
      ];
    case 'in-doubt':
      return [
        `- In doubt after the resume at ${at} (${escapeMarkdown(entry.by)}): ${entry.checked ? 'the post-checks below decided, then the operator' : 'no check could confirm this step; the operator decided'}`,
      ];
    case 'marked-done': {
      const sheet = [
        entry.doneAt ? `time on the sheet ${entry.doneAt}` : '',
        entry.initials ? `initials ${entry.initials}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return [
        `- ☑ Done on paper, entered by ${escapeMarkdown(entry.by)} at ${at}${sheet ? ` (${escapeMarkdown(sheet)})` : ''}${entry.note ? `: ${escapeMarkdown(entry.note)}` : ''}`,
      ];
    }
    case 'not-applicable':
      return [`- Not needed: the condition ${codeSpan(entry.condition)} was not true`];
  }
}

function renderAction(entry: Extract<StepEntry, { kind: 'action' }>): string[] {
  const what = entry.rollback ? 'Rollback' : entry.actionKind === 'manual' ? 'By hand' : 'Command';
  const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
  const head = `- ${what}${attempt} on ${escapeMarkdown(entry.host)} at ${formatClock(entry.at)}: ${codeSpan(entry.command)}`;
  const r = entry.result;
  if (!r) return [`${head} — no result recorded`];
  if (entry.actionKind === 'manual')
    return [`${head} — ${r.ok ? 'done' : 'NOT done'}, confirmed by ${escapeMarkdown(entry.by ?? '?')}`];
  const verdict = `${(r.met ?? r.ok) ? '✓' : '✗'} exit ${r.exitCode ?? 'none'} in ${formatSpan(r.durationMs)}${r.timedOut ? ', timed out' : ''}${r.canceled ? ', canceled' : ''}`;
  return [`${head} → ${verdict}`, ...renderOutput('output', r.stdout), ...renderOutput('errors', r.stderr)];
}

function renderOutput(name: string, raw: string): string[] {
  const text = normalizeOutput(raw);
  if (!text) return [];
  const block = codeBlock(text)
    .split('\n')
    .map((l) => `  ${l}`);
  if (!isLongOutput(text)) return block;
  const count = text.split('\n').length;
  return [`  <details><summary>${name} (${count} lines)</summary>`, '', ...block, '', '  </details>'];
}
