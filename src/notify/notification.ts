import type { EngineEvent } from '../engine/events.js';
import { formatDuration } from '../runbook/duration.js';
import type { NotificationKind } from '../runbook/notify-schema.js';

/**
 * Proposed engine event (not in events.ts yet): journaled just before the engine asks the operator
 * something, so a sink can time how long a prompt stays open. Closed by the step's next event.
 */
export type PromptOpenedEvent = {
  type: 'prompt-opened';
  stepId?: string;
  prompt: 'input' | 'confirm' | 'failure-menu' | 'reason' | 'manual';
  text: string;
  at: string;
};

export type NotifiableEvent = EngineEvent | PromptOpenedEvent;

/** A message for people watching the run: a short title and a line or two of text. */
export type Notification = {
  kind: NotificationKind;
  level: 'info' | 'good' | 'bad';
  title: string;
  text: string;
};

/** What the notifier remembers between events: the run and step titles. */
export type RunFacts = {
  runId?: string;
  title?: string;
  environment?: string;
  drill?: boolean;
  rtoMs?: number;
  steps: Map<string, string>;
};

/** The notification an event calls for, if any. */
export function toNotification(event: NotifiableEvent, facts: RunFacts): Notification | undefined {
  const step = (id: string) => facts.steps.get(id) ?? id;
  const run = `${facts.drill ? 'Drill' : 'Failover'} ${facts.title ?? ''}`.trim();
  switch (event.type) {
    case 'run-started':
      return {
        kind: 'run-started',
        level: 'info',
        title: `${event.drill ? 'Drill' : 'Failover'} started: ${event.runbook.title}`,
        text: `Environment ${event.environment}, operator ${event.operator}, RTO budget ${formatDuration(event.rtoMs)}. Run ${event.runId}.`,
      };
    case 'run-resumed':
      return {
        kind: 'run-started',
        level: 'info',
        title: `${run} resumed`,
        text: `Run ${event.runId} resumed by ${event.operator}${event.inDoubt ? `; step ${step(event.inDoubt)} is in doubt and is being checked` : ''}.`,
      };
    case 'run-handed-over':
      return {
        kind: 'run-started',
        level: 'info',
        title: `${run} handed over`,
        text: `Run ${event.runId} handed over from ${event.from} to ${event.to}.`,
      };
    case 'approval-requested':
      return {
        kind: 'waiting',
        level: 'info',
        title: `Approval needed: ${step(event.stepId)}`,
        text: `${event.requestedBy} waits for a second person to approve, on ${event.host}: ${event.command}. From your own account: sso-failover approve ${facts.runId ?? ''} (with the --state-dir the operator's screen shows).`,
      };
    case 'approval-decided':
      return {
        kind: 'waiting',
        level: event.approved ? 'good' : 'bad',
        title: `${event.approved ? 'Approved' : 'Denied'}: ${step(event.stepId)}`,
        text: `By ${event.by}${event.autopilot ? ' (the drill autopilot)' : ''}${event.reason ? `: ${event.reason}` : ''}.`,
      };
    case 'step-finished':
      return {
        kind: 'step-finished',
        level: 'good',
        title: `✔ ${step(event.stepId)}`,
        text: `Done in ${formatDuration(event.durationMs)}.`,
      };
    case 'step-skipped':
      return {
        kind: 'step-finished',
        level: 'bad',
        title: `Skipped: ${step(event.stepId)}`,
        text: `Reason given by ${event.by}: ${event.reason}`,
      };
    case 'check-failed':
      return {
        kind: 'step-failed',
        level: 'bad',
        title: `✘ ${step(event.stepId)}`,
        text: `${event.phase}-check failed on ${event.host}: ${event.label}. Expected ${event.expected}; observed ${event.observed}.`,
      };
    case 'action-finished':
      return {
        kind: 'step-failed',
        level: 'bad',
        title: `✘ ${step(event.stepId)}`,
        text: `The ${event.rollback ? 'rollback' : 'command'} failed (exit ${event.exitCode ?? 'none'}${event.timedOut ? ', timed out' : ''}). The operator decides what next.`,
      };
    case 'run-finished':
      return {
        kind: 'run-finished',
        level: event.outcome === 'succeeded' ? 'good' : 'bad',
        title: `${run}: ${event.outcome}`,
        text: `${event.outcome === 'succeeded' ? 'Finished' : `Stopped${event.stepId ? ` at ${step(event.stepId)}` : ''}`} after ${formatDuration(event.elapsedMs)}${facts.rtoMs ? ` of the ${formatDuration(facts.rtoMs)} RTO budget` : ''}.${facts.runId ? ` Run ${facts.runId}.` : ''}`,
      };
    default:
      return undefined;
  }
}

/** The operator has not answered for `waitedMs`. */
export function toWaitingNotification(
  prompt: PromptOpenedEvent,
  waitedMs: number,
  facts: RunFacts,
): Notification {
  const where = prompt.stepId ? ` at ${facts.steps.get(prompt.stepId) ?? prompt.stepId}` : '';
  return {
    kind: 'waiting',
    level: 'bad',
    title: `Waiting for the operator for ${formatDuration(waitedMs)}${where}`,
    text: `${prompt.text} (run ${facts.runId ?? '?'})`,
  };
}
