import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

/** What a webhook can be told about. */
export const NOTIFICATION_KINDS = [
  'run-started',
  'step-finished',
  'step-failed',
  'waiting',
  'run-finished',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const duration = z.string().regex(DURATION_PATTERN, 'durations look like 30s, 5m, 1h30m or 250ms');

export const WebhookSchema = z
  .strictObject({
    /** the incoming-webhook URL; it is a credential (anyone holding it can post): prefer urlEnv */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** name of an environment variable that holds the URL, so the environment file holds no credential */
    urlEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    /** the JSON shape: Microsoft Teams (Workflows, Adaptive Card) or Slack incoming webhook */
    format: z.enum(['teams', 'slack']),
    /** which notifications to send (default: all) */
    events: z.array(z.enum(NOTIFICATION_KINDS)).min(1).optional(),
  })
  .refine((hook) => (hook.url === undefined) !== (hook.urlEnv === undefined), {
    message: 'give the webhook either url or urlEnv (one of them)',
  });

/** Optional `notify:` section of an environment file. */
export const NotifySchema = z.strictObject({
  webhooks: z.array(WebhookSchema).min(1),
  /** send "waiting for the operator" when a prompt stays open this long */
  waitingAfter: duration.default('10m'),
  /** per delivery: a slow or dead endpoint never holds the run up longer */
  timeout: duration.default('5s'),
});

export type NotifyConfig = z.infer<typeof NotifySchema>;
export type WebhookConfig = z.infer<typeof WebhookSchema>;
