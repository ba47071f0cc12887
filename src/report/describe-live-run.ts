import type { EngineEvent } from '../engine/events.js';
import { formatDuration } from '../runbook/duration.js';
import { formatClock, formatSpan } from './format-report.js';

type RunStarted = Extract<EngineEvent, { type: 'run-started' }>;

/** What `watch` shows of a run: where it is, what it waits for, the last result, and time against the RTO. */
export type LiveRun = {
  runId: string;
  title: string;
  environment: string;
  operator: string;
  step?: { id: string; title: string; index: number; total: number; host?: string };
  /** what the run is doing now, in words, and since when (ISO) */
  now: { text: string; since: string };
  lastResult?: string;
  /** the latest two-person decision: kept on screen after the run moves on, which it does within milliseconds */
  lastApproval?: string;
  elapsedMs: number;
  rtoMs: number;
  finished?: string;
  /** when the journal last grew: a run nobody drives any more (a crash, a closed laptop) shows here */
  lastRecordAt: string;
};

/** Fold a run's journal events into its live state at `nowMs` (wall clock). Pure. */
export function describeLiveRun(events: readonly EngineEvent[], nowMs: number): LiveRun | undefined {
  const started = events.find((e): e is RunStarted => e.type === 'run-started');
  if (!started) return undefined;
  const live: LiveRun = {
    runId: started.runId,
    title: started.runbook.title,
    environment: started.environment,
    operator: started.operator,
    now: { text: 'starting', since: started.at },
    elapsedMs: 0,
    rtoMs: started.rtoMs,
    lastRecordAt: started.at,
  };
  for (const event of events) applyLive(live, event);
  const last = events.at(-1)!;
  live.lastRecordAt = last.at;
  // Elapsed against the RTO counts from the run's first start, as the operator's screen does.
  live.elapsedMs = (live.finished ? Date.parse(last.at) : nowMs) - started.clockMs;
  return live;
}

function applyLive(live: LiveRun, event: EngineEvent): void {
  const at = event.at;
  switch (event.type) {
    case 'run-resumed':
      live.operator = event.operator;
      live.finished = undefined;
      live.now = { text: `resumed by ${event.operator}`, since: at };
      return;
    case 'run-handed-over':
      live.operator = event.to;
      live.now = { text: `handed over from ${event.from} to ${event.to}`, since: at };
      return;
    case 'step-started':
      live.step = {
        id: event.stepId,
        title: event.title,
        index: event.index,
        total: event.total,
        ...(event.host ? { host: event.host } : {}),
      };
      live.now = { text: 'checking', since: at };
      return;
    case 'prompt-opened':
      live.now = { text: `waiting for the operator: ${event.text}`, since: at };
      return;
    case 'approval-requested':
      live.now = {
        text: `waiting for approval since ${formatClock(at)} (requested from ${event.requestedBy}): ${event.command}`,
        since: at,
      };
      return;
    case 'approval-decided':
      live.lastResult = `${event.approved ? 'approved' : 'denied'} by ${event.by}${event.autopilot ? ' (drill autopilot)' : ''}${event.reason ? `: ${event.reason}` : ''}`;
      live.lastApproval = `${live.lastResult} at ${formatClock(at)} (step ${event.stepId})`;
      return;
    case 'action-started':
      live.now = { text: `running on ${event.host}: ${event.command}`, since: at };
      if (live.step && !event.rollback) live.step.host = event.host;
      return;
    case 'action-finished':
      live.lastResult = `${event.ok ? '✓' : '✗'} command exit ${event.exitCode ?? 'none'} in ${formatSpan(event.durationMs)}`;
      live.now = { text: 'checking', since: at };
      return;
    case 'check-passed':
    case 'check-failed':
      live.lastResult = `${event.type === 'check-passed' ? '✓' : '✗'} ${event.phase}-check ${event.label} on ${event.host}: ${event.observed}`;
      return;
    case 'confirmation-given':
    case 'confirmation-declined':
      live.lastResult = `${event.type === 'confirmation-given' ? 'confirmed' : 'declined'} by ${event.by}`;
      live.now = { text: 'going on', since: at };
      return;
    case 'step-failed':
      live.lastResult = `✗ ${event.phase} failed: ${event.reason}`;
      return;
    case 'step-skipped':
      live.lastResult = `skipped ${event.stepId}: ${event.reason}`;
      return;
    case 'step-finished':
      live.lastResult = `✓ step ${event.stepId} done in ${formatSpan(event.durationMs)}`;
      live.now = { text: 'between steps', since: at };
      return;
    case 'run-finished':
      live.finished = event.outcome;
      live.now = {
        text: `finished: ${event.outcome}${event.message ? ` (${event.message})` : ''}`,
        since: at,
      };
      return;
    default:
      return;
  }
}

/** The screen `watch` redraws. */
export function formatLiveRun(live: LiveRun, nowMs: number): string[] {
  const step = live.step;
  const waited = formatSpan(Math.max(0, nowMs - Date.parse(live.now.since)));
  const budget = live.rtoMs > 0 ? ` of the RTO ${formatDuration(live.rtoMs)}` : '';
  const over = live.rtoMs > 0 && live.elapsedMs > live.rtoMs ? ' — OVER THE RTO' : '';
  return [
    `Run ${live.runId}: ${live.title} on ${live.environment}`,
    `Operator: ${live.operator}`,
    step
      ? `Step ${step.index} of ${step.total}: ${step.title}${step.host ? ` on ${step.host}` : ''}`
      : 'Step: none started yet',
    `Now: ${live.now.text}${live.finished ? '' : ` (for ${waited})`}`,
    `Last result: ${live.lastResult ?? 'none yet'}`,
    ...(live.lastApproval ? [`Last approval: ${live.lastApproval}`] : []),
    `Elapsed: ${formatSpan(live.elapsedMs)}${budget}${over}`,
    ...(live.finished ? [] : [`Last journal record: ${formatClock(live.lastRecordAt)} UTC`]),
  ];
}

/** One journal event as a timeline line, for replaying a finished run. */
export function formatEventLine(event: EngineEvent): string {
  const where = 'stepId' in event && event.stepId ? ` ${event.stepId}` : '';
  const detail = describeEvent(event);
  return `${formatClock(event.at)} ${event.type}${where}${detail ? ` — ${detail}` : ''}`;
}

function describeEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'run-started':
      return `${event.runbook.title} on ${event.environment} by ${event.operator}`;
    case 'run-resumed':
      return `by ${event.operator}`;
    case 'run-handed-over':
      return `from ${event.from} to ${event.to}`;
    case 'check-passed':
    case 'check-failed':
      return `${event.label} on ${event.host}: ${event.observed}`;
    case 'action-started':
      return `on ${event.host}: ${event.command}`;
    case 'action-finished':
      return `exit ${event.exitCode ?? 'none'} in ${formatSpan(event.durationMs)}`;
    case 'approval-requested':
      return `on ${event.host}: ${event.command} (requested from ${event.requestedBy})`;
    case 'approval-decided':
      return `${event.approved ? 'approved' : 'denied'} by ${event.by}${event.autopilot ? ' (drill autopilot)' : ''}${event.reason ? `: ${event.reason}` : ''}`;
    case 'confirmation-given':
    case 'confirmation-declined':
    case 'step-skipped':
      return `by ${event.by}`;
    case 'failure-decided':
      return `${event.choice}${event.reason ? `: ${event.reason}` : ''}`;
    case 'step-failed':
      return event.reason;
    case 'run-finished':
      return `${event.outcome} after ${formatSpan(event.elapsedMs)}`;
    default:
      return '';
  }
}
