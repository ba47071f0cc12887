import { describeComputedOutcome } from '../engine/compute-outcome.js';
import { formatDuration } from '../runbook/duration.js';
import type { RunView, StepStatus, StepView } from './run-view.js';

/** `2026-11-27T14:24:30.490Z` → `2026-11-27 14:24:30 UTC`: journals are in UTC, so are reports. */
export function formatStamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `14:24:30` (UTC). */
export function formatClock(iso: string): string {
  return iso.slice(11, 19);
}

/** Durations down to milliseconds: drills in the lab take seconds, real steps minutes. */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}

export const STATUS_WORDS: Record<StepStatus, string> = {
  done: 'done',
  skipped: 'skipped',
  'not-applicable': 'not needed',
  'marked-done': 'done on paper',
  aborted: 'aborted here',
  canceled: 'canceled here',
  interrupted: 'interrupted',
};

/** "16. Point the SSO tools of BTS02 at a live server · BTS02, 2 of 2 servers": numbered as on screen. */
export function stepHeading(step: StepView, fallback: number): string {
  const where = step.instance
    ? ` · ${step.instance.host}, ${step.instance.position} of ${step.instance.count} servers`
    : '';
  return `${step.number ?? fallback}. ${step.title}${where}`;
}

/** The run's outcome in the same words as the terminal's last line and `runs` (computeOutcome). */
export function describeOutcome(view: RunView): string {
  const text = describeComputedOutcome(view.computed);
  if (view.outcome === 'canceled' && view.message) return `${text} (${view.message})`;
  if (view.outcome === 'interrupted')
    return `${text}; continue with \`${view.resumeCommand ?? `sso-failover resume ${view.runId}`}\``;
  return text;
}

/**
 * The header's facts for an incident manager, after the outcome: the runbook's headline values, the steps
 * skipped with their reasons, and for a drill how long the same run takes on real servers.
 */
export function headlineRows(view: RunView): [string, string][] {
  const rows: [string, string][] = view.headline.map(({ label, value, missing }) => [
    label,
    value ?? `not recorded (the run never learned ${missing?.join(', ')})`,
  ]);
  const skipped = view.steps.filter((step) => step.status === 'skipped');
  rows.push([
    'Skipped',
    skipped.length
      ? skipped
          .map((step) => {
            const entry = step.entries.findLast((e) => e.kind === 'skipped');
            // Named as the summaries name it: by the number the screen showed ("step 10 check-msdtc").
            const name = step.number ? `step ${step.number} ${step.id.replace(/@(.+)$/, ' on $1')}` : step.id;
            return `${name} (${entry?.kind === 'skipped' ? entry.reason : 'no reason recorded'})`;
          })
          .join('; ')
      : 'nothing',
  ]);
  if (view.grade?.labElapsedMs !== undefined)
    rows.push([
      'On real servers',
      `about ${formatDuration(view.grade.labElapsedMs)} (the lab's waits at their modelled length) of the ${formatDuration(view.rtoMs)} RTO`,
    ]);
  return rows;
}

/** A run that did not finish can be continued: the command, as it works from the operator's terminal. */
export function continueCommand(view: RunView): string | undefined {
  if (view.outcome === 'succeeded' || view.outcome === 'failed') return undefined;
  return view.resumeCommand ?? `sso-failover resume ${view.runId}`;
}

/** `3.1 s of the 30m00s RTO budget (0%): within budget`. */
export function describeElapsed(view: RunView): string {
  const share = view.rtoMs > 0 ? Math.round((view.elapsedMs / view.rtoMs) * 100) : 0;
  const verdict =
    view.elapsedMs <= view.rtoMs
      ? 'within budget'
      : `OVER budget by ${formatSpan(view.elapsedMs - view.rtoMs)}`;
  return `${formatSpan(view.elapsedMs)} of the ${formatDuration(view.rtoMs)} RTO budget (${share}%): ${verdict}`;
}

export function describeOperators(view: RunView): string {
  const [first, ...rest] = view.sessions;
  const handoffs = rest
    .filter((s) => s.handedOverFrom)
    .map((s) => `handed over to ${s.operator} at ${formatClock(s.at)}`);
  const resumedBy = rest
    .filter((s) => !s.handedOverFrom)
    .map((s) => s.operator)
    .filter((o) => o !== first?.operator);
  const notes = [
    ...(resumedBy.length ? [`resumed by ${[...new Set(resumedBy)].join(', ')}`] : []),
    ...handoffs,
  ];
  return `${first?.operator ?? '?'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** Output as stored in the journal, with Windows line ends made plain. */
export function normalizeOutput(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

/** Long output is folded: more lines or characters than this. */
export const FOLD_LINES = 12;
export const FOLD_CHARS = 1200;

export function isLongOutput(text: string): boolean {
  return text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
}

const DECISION_CONTEXT: Record<string, string> = {
  pre: 'after a failed pre-check',
  confirm: 'after the action was not confirmed',
  action: 'after the failed action',
  post: 'after a failed post-check',
  rollback: 'after the rollback',
  'in-doubt': 'on the step left in doubt',
};

/** "after a failed post-check": when the operator was asked what to do. */
export function describeDecisionContext(phase: string): string {
  return DECISION_CONTEXT[phase] ?? `after the ${phase} failure`;
}

/** Who approved: the account the approvals folder proved, the machine it named, or the drill's autopilot. */
export function describeApprover(entry: { by: string; machine?: string; autopilot?: boolean }): string {
  if (entry.autopilot) return `${entry.by} (the drill autopilot, not a person)`;
  return entry.machine ? `${entry.by} (account; on ${entry.machine})` : `${entry.by} (account)`;
}
