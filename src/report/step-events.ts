import type { EngineEvent } from '../engine/events.js';
import type { StepEntry, StepView } from './run-view.js';

/** Journal events that belong to one step. */
export type StepEvent =
  | Extract<EngineEvent, { stepId: string }>
  | (Extract<EngineEvent, { type: 'input-provided' }> & { stepId: string });

export function createStepView(id: string, title: string): StepView {
  return {
    id,
    title,
    status: 'interrupted',
    spans: [],
    waits: [],
    marks: [],
    entries: [],
    retries: 0,
    rolledBack: false,
    inDoubt: false,
    durationMs: 0,
  };
}

/** Events that close a prompt: the time before them was spent waiting for the operator. */
export function isOperatorAnswer(view: StepView, event: StepEvent): boolean {
  if (event.type === 'action-finished') {
    // A manual action is the operator doing it by hand and saying so.
    const open = view.entries.findLast((e) => e.kind === 'action' && !e.result);
    return open?.kind === 'action' && open.actionKind === 'manual';
  }
  return (
    event.type === 'confirmation-given' ||
    event.type === 'confirmation-declined' ||
    event.type === 'approval-decided' ||
    event.type === 'failure-decided' ||
    event.type === 'input-provided'
  );
}

/** Fold one step event into its view. `operator` is who was answering in that session. */
export function applyStepEvent(view: StepView, event: StepEvent, operator: string): void {
  const atMs = Date.parse(event.at);
  if (event.type === 'step-started') {
    view.title = event.title;
    view.number = event.index;
    view.total = event.total;
    if (event.phase) view.phase = event.phase;
    if (event.host) view.host = event.host;
    view.status = 'interrupted';
    view.spans.push({ fromMs: atMs, toMs: atMs });
    return;
  }
  const span = view.spans.at(-1);
  if (span) span.toMs = Math.max(span.toMs, atMs);
  else view.spans.push({ fromMs: atMs, toMs: atMs });
  const entry = toEntry(view, event, operator);
  if (entry) view.entries.push(entry);
}

function toEntry(view: StepView, event: StepEvent, operator: string): StepEntry | undefined {
  const atMs = Date.parse(event.at);
  const at = event.at;
  switch (event.type) {
    case 'check-passed':
    case 'check-failed': {
      const optional = (event as { optional?: boolean }).optional === true;
      if (event.type === 'check-failed' && !optional) view.marks.push({ atMs, kind: 'failure' });
      const { phase, label, host, expected, observed } = event;
      return {
        kind: 'check',
        at,
        ok: event.type === 'check-passed',
        phase,
        label,
        host,
        expected,
        observed,
        optional,
      };
    }
    case 'input-provided':
      return {
        kind: 'input',
        at,
        key: event.key,
        secret: event.secret,
        ...(event.value !== undefined ? { value: event.value } : {}),
      };
    case 'variable-captured':
      return { kind: 'captured', at, name: event.name, value: event.value };
    case 'confirmation-given':
    case 'confirmation-declined':
      return { kind: 'confirmation', at, given: event.type === 'confirmation-given', by: event.by };
    case 'approval-requested': {
      const { host, command, requestedBy, needed } = event;
      return { kind: 'approval-requested', at, host, command, requestedBy, needed };
    }
    case 'approval-decided':
      return {
        kind: 'approval',
        at,
        approved: event.approved,
        by: event.by,
        ...(event.reason ? { reason: event.reason } : {}),
        ...(event.machine ? { machine: event.machine } : {}),
        ...(event.autopilot ? { autopilot: true } : {}),
      };
    case 'action-started': {
      if (!view.host && !event.rollback && event.host !== 'the operator') view.host = event.host;
      const { kind: actionKind, host, command, rollback, attempt } = event;
      return { kind: 'action', at, actionKind, host, command, rollback, attempt };
    }
    case 'action-finished':
      finishAction(view, event, operator);
      return undefined;
    case 'failure-decided':
      if (event.choice === 'retry' || event.choice === 'rerun') {
        view.retries += 1;
        view.marks.push({ atMs, kind: 'retry' });
      }
      if (event.choice === 'abort') view.status = 'aborted';
      return {
        kind: 'decision',
        at,
        phase: event.phase,
        choice: event.choice,
        reason: event.reason,
        by: operator,
      };
    case 'step-failed':
      return { kind: 'failed', at, phase: event.phase, reason: event.reason };
    case 'step-skipped':
      view.status = 'skipped';
      return { kind: 'skipped', at, reason: event.reason, by: event.by };
    case 'step-not-applicable':
      view.status = 'not-applicable';
      return { kind: 'not-applicable', at, condition: event.condition };
    case 'step-rolled-back':
      view.rolledBack = true;
      view.marks.push({ atMs, kind: 'rollback' });
      return { kind: 'rolled-back', at };
    case 'step-finished':
      view.status = 'done';
      return undefined;
    default:
      return undefined;
  }
}

/** Pair a result with its still-open command (same attempt, rollback or not). */
function finishAction(
  view: StepView,
  event: Extract<EngineEvent, { type: 'action-finished' }>,
  operator: string,
): void {
  const open = view.entries.findLast(
    (e): e is Extract<StepEntry, { kind: 'action' }> =>
      e.kind === 'action' && !e.result && e.rollback === event.rollback && e.attempt === event.attempt,
  );
  if (!open) return;
  const { ok, met, exitCode, durationMs, stdout, stderr, timedOut, canceled } = event;
  open.result = {
    ok,
    ...(met === undefined ? {} : { met }),
    exitCode,
    durationMs,
    stdout,
    stderr,
    timedOut,
    canceled,
  };
  open.endAt = event.at;
  if (open.actionKind === 'manual') open.by = operator;
  if (!ok && !event.rollback) view.marks.push({ atMs: Date.parse(event.at), kind: 'failure' });
}
