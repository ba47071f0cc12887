import { parseDuration } from '../runbook/duration.js';
import {
  type Notification,
  type NotifiableEvent,
  type PromptOpenedEvent,
  type RunFacts,
  toNotification,
  toWaitingNotification,
} from './notification.js';
import type { NotifyConfig, WebhookConfig } from '../runbook/notify-schema.js';
import { postWebhook } from './post-webhook.js';
import { toSlackPayload, toTeamsPayload } from './webhook-payload.js';

/** Deliveries: sent (2xx), failed (error, timeout, non-2xx), dropped (queue full), skipped (no URL). */
export type NotifyStats = { sent: number; failed: number; dropped: number; skipped: number };

export type Notifier = {
  /** an event sink: add it to the run's sinks; returns at once, never throws */
  emit(event: NotifiableEvent): void;
  /** stop the timers and wait (at most one delivery timeout) for messages still on their way */
  close(): Promise<NotifyStats>;
  stats(): NotifyStats;
};

/** Messages waiting for one endpoint beyond this are dropped (and counted), so a dead endpoint costs no memory. */
const MAX_QUEUE = 50;

/**
 * Webhook notifications for a run. Delivery is fire-and-forget with a short timeout: a failed or slow
 * webhook is counted, never raised, and never holds the run up. Every text passes through `redact`.
 */
export function createNotifier(
  config: NotifyConfig,
  redact: (text: string) => string,
  env = process.env,
): Notifier {
  const stats: NotifyStats = { sent: 0, failed: 0, dropped: 0, skipped: 0 };
  const timeoutMs = parseDuration(config.timeout);
  const waitingMs = parseDuration(config.waitingAfter);
  const endpoints = config.webhooks.flatMap((hook) => {
    const url = hook.url ?? (hook.urlEnv ? env[hook.urlEnv] : undefined);
    if (!url) {
      stats.skipped += 1;
      return [];
    }
    return [{ hook, url, queue: Promise.resolve(), queued: 0 }];
  });
  const facts: RunFacts = { steps: new Map() };
  const failing = new Set<string>();
  const waiting = new Map<string, NodeJS.Timeout>();

  const deliver = (n: Notification) => {
    const clean = { ...n, title: redact(n.title), text: redact(n.text) };
    for (const endpoint of endpoints) {
      if (endpoint.hook.events && !endpoint.hook.events.includes(n.kind)) continue;
      if (endpoint.queued >= MAX_QUEUE) {
        stats.dropped += 1;
        continue;
      }
      endpoint.queued += 1;
      const body = payload(endpoint.hook, clean);
      endpoint.queue = endpoint.queue.then(async () => {
        const ok = await postWebhook(endpoint.url, body, timeoutMs);
        endpoint.queued -= 1;
        if (ok) stats.sent += 1;
        else stats.failed += 1;
      });
    }
  };

  const clearWaiting = (key: string) => {
    clearTimeout(waiting.get(key));
    waiting.delete(key);
  };

  const emit = (event: NotifiableEvent) => {
    try {
      remember(event, facts);
      const stepId = 'stepId' in event && typeof event.stepId === 'string' ? event.stepId : '';
      if (event.type === 'run-finished') for (const key of [...waiting.keys()]) clearWaiting(key);
      else clearWaiting(stepId);
      if (event.type === 'prompt-opened') {
        const timer = setTimeout(() => {
          waiting.delete(stepId);
          deliver(toWaitingNotification(event as PromptOpenedEvent, waitingMs, facts));
        }, waitingMs);
        // A pending reminder never keeps the process alive.
        timer.unref();
        waiting.set(stepId, timer);
        return;
      }
      const n = notifiable(event, failing, facts);
      if (n) deliver(n);
    } catch {
      stats.failed += 1;
    }
  };

  return {
    emit,
    stats: () => ({ ...stats }),
    async close() {
      for (const key of [...waiting.keys()]) clearWaiting(key);
      const all = Promise.all(endpoints.map((e) => e.queue));
      const deadline = new Promise((resolve) => setTimeout(resolve, timeoutMs + 250).unref());
      await Promise.race([all, deadline]);
      return { ...stats };
    },
  };
}

function payload(hook: WebhookConfig, n: Notification): unknown {
  return hook.format === 'slack' ? toSlackPayload(n) : toTeamsPayload(n);
}

function remember(event: NotifiableEvent, facts: RunFacts): void {
  if (event.type === 'run-started') {
    Object.assign(facts, {
      runId: event.runId,
      title: event.runbook.title,
      environment: event.environment,
      drill: event.drill,
      rtoMs: event.rtoMs,
    });
  }
  if (event.type === 'run-resumed') facts.runId = event.runId;
  if (event.type === 'step-started') facts.steps.set(event.stepId, event.title);
}

/** One "failed" message per failure: the next ones of the same step wait until the operator has decided. */
function notifiable(event: NotifiableEvent, failing: Set<string>, facts: RunFacts): Notification | undefined {
  if (event.type === 'step-started' || event.type === 'failure-decided') {
    failing.delete(event.stepId);
    return undefined;
  }
  const isFailure =
    (event.type === 'check-failed' && !(event as { optional?: boolean }).optional) ||
    (event.type === 'action-finished' && !event.ok);
  if (event.type === 'check-failed' && !isFailure) return undefined;
  if (event.type === 'action-finished' && event.ok) return undefined;
  if (isFailure) {
    const stepId = (event as { stepId: string }).stepId;
    if (failing.has(stepId)) return undefined;
    failing.add(stepId);
  }
  return toNotification(event, facts);
}
