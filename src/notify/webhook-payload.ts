import type { Notification } from './notification.js';

/** Slack incoming webhook: `text` in mrkdwn, where &, < and > must be escaped. */
export function toSlackPayload(n: Notification): unknown {
  const escapeSlack = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { text: `*${escapeSlack(n.title)}*\n${escapeSlack(n.text)}` };
}

/** Microsoft Teams (Workflows "post to a channel when a webhook request is received"): an Adaptive Card message. */
export function toTeamsPayload(n: Notification): unknown {
  const color = n.level === 'good' ? 'Good' : n.level === 'bad' ? 'Attention' : 'Default';
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: n.title, weight: 'Bolder', size: 'Medium', color, wrap: true },
            { type: 'TextBlock', text: n.text, wrap: true },
          ],
        },
      },
    ],
  };
}
