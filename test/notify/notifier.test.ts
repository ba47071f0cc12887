import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, EventBody } from '../../src/engine/events.js';
import { createNotifier } from '../../src/notify/create-notifier.js';
import type { PromptOpenedEvent } from '../../src/notify/notification.js';
import { type NotifyConfig, NotifySchema } from '../../src/runbook/notify-schema.js';
import { createRedactor } from '../../src/operator/redact.js';

type Received = { path: string; body: Record<string, unknown> };

/** A webhook endpoint on 127.0.0.1 that records what it is sent; `answer` decides how it replies. */
async function startEndpoint(
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, r) => r.end('ok'),
) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data) as Record<string, unknown> });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const at = (s: number) => new Date(Date.parse('2026-11-27T10:00:00Z') + s * 1000).toISOString();
const ev = (s: number, body: EventBody) => ({ ...body, at: at(s) }) as EngineEvent;
const SECRET = 'S3cret-Backup-Pa55';

const RUN: EngineEvent[] = [
  ev(0, {
    type: 'run-started',
    runId: 'run-1',
    runbook: { id: 'rb', title: 'Designate a new MSS', file: 'rb.yaml', sha256: 'x', stepIds: ['restore'] },
    environment: 'prod',
    drill: false,
    operator: 'alice@JUMP01',
    rtoMs: 1_800_000,
    clockMs: 0,
  }),
  ev(1, {
    type: 'step-started',
    stepId: 'restore',
    title: 'Restore the master secret on BTS01',
    index: 1,
    total: 1,
    host: 'BTS01',
  }),
  ev(2, {
    type: 'check-failed',
    stepId: 'restore',
    phase: 'post',
    label: 'event 10523',
    host: 'BTS01',
    expected: 'logged',
    observed: `password ${SECRET} rejected`,
  }),
  ev(2, {
    type: 'check-failed',
    stepId: 'restore',
    phase: 'post',
    label: 'registry SSOSS',
    host: 'BTS01',
    expected: 'present',
    observed: 'absent',
  }),
  ev(3, { type: 'failure-decided', stepId: 'restore', phase: 'post', choice: 'rerun', reason: '' }),
  ev(4, { type: 'step-finished', stepId: 'restore', durationMs: 3000 }),
  ev(5, { type: 'run-finished', outcome: 'succeeded', elapsedMs: 5000 }),
];

function config(hooks: NotifyConfig['webhooks'], extra: Partial<NotifyConfig> = {}): NotifyConfig {
  return NotifySchema.parse({ webhooks: hooks, timeout: '500ms', ...extra });
}

function redactor() {
  const r = createRedactor();
  r.register(SECRET);
  return r.redact;
}

describe('webhook notifications', () => {
  it('posts Slack and Teams messages for start, each step failure (once), step end and finish — redacted', async () => {
    const slack = await startEndpoint();
    const teams = await startEndpoint();
    const notifier = createNotifier(
      config([
        { url: `${slack.url}/slack`, format: 'slack' },
        { url: `${teams.url}/teams`, format: 'teams' },
      ]),
      redactor(),
    );
    for (const event of RUN) notifier.emit(event);
    const stats = await notifier.close();
    expect(stats).toEqual({ sent: 8, failed: 0, dropped: 0, skipped: 0 });
    const texts = slack.received.map((r) => r.body.text as string);
    expect(texts).toEqual([
      expect.stringContaining('*Failover started: Designate a new MSS*'),
      expect.stringContaining('✘ Restore the master secret on BTS01'),
      expect.stringContaining('✔ Restore the master secret on BTS01'),
      expect.stringContaining('Failover Designate a new MSS: succeeded'),
    ]);
    expect(texts[1]).toContain('password ******** rejected');
    expect(JSON.stringify([...slack.received, ...teams.received])).not.toContain(SECRET);
    const card = teams.received[0]!.body as {
      type: string;
      attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[];
    };
    expect(card.type).toBe('message');
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content.type).toBe('AdaptiveCard');
    expect(card.attachments[0]!.content.body[0]!.text).toBe('Failover started: Designate a new MSS');
  });

  it('sends only the kinds a webhook asks for', async () => {
    const endpoint = await startEndpoint();
    const notifier = createNotifier(
      config([{ url: endpoint.url, format: 'slack', events: ['run-finished'] }]),
      redactor(),
    );
    for (const event of RUN) notifier.emit(event);
    await notifier.close();
    expect(endpoint.received).toHaveLength(1);
    expect(endpoint.received[0]!.body.text).toContain('succeeded');
  });

  it('says when the operator has not answered a prompt for too long, and not when they answered in time', async () => {
    const endpoint = await startEndpoint();
    const notifier = createNotifier(
      config([{ url: endpoint.url, format: 'slack' }], { waitingAfter: '150ms' }),
      redactor(),
    );
    const prompt = (stepId: string, text: string): PromptOpenedEvent => ({
      type: 'prompt-opened',
      stepId,
      prompt: 'confirm',
      text,
      at: at(1),
    });
    notifier.emit(RUN[0]!);
    notifier.emit(
      ev(1, { type: 'step-started', stepId: 'answered', title: 'Answered quickly', index: 1, total: 2 }),
    );
    notifier.emit(prompt('answered', 'Run this on BTS01?'));
    notifier.emit(ev(1, { type: 'confirmation-given', stepId: 'answered', by: 'alice' }));
    notifier.emit(
      ev(2, { type: 'step-started', stepId: 'slow', title: 'Restore the master secret', index: 2, total: 2 }),
    );
    notifier.emit(prompt('slow', `Restore with ${SECRET}?`));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await notifier.close();
    const texts = endpoint.received.map((r) => r.body.text as string);
    expect(texts.filter((t) => t.includes('Waiting for the operator'))).toEqual([
      expect.stringContaining('Waiting for the operator for 0s at Restore the master secret'),
    ]);
    expect(texts.join('\n')).not.toContain(SECRET);
  });

  it('never blocks or fails the run: errors, timeouts and dead endpoints are counted and swallowed', async () => {
    const failing = await startEndpoint((_req, res) => {
      res.statusCode = 500;
      res.end('no');
    });
    const hanging = await startEndpoint(() => undefined);
    const dead = await startEndpoint();
    servers.pop()?.close();
    const notifier = createNotifier(
      config([
        { url: failing.url, format: 'slack' },
        { url: hanging.url, format: 'teams' },
        { url: dead.url, format: 'slack', events: ['run-started'] },
        { urlEnv: 'SSO_TEST_UNSET_WEBHOOK', format: 'slack' },
      ]),
      redactor(),
      {},
    );
    const started = performance.now();
    for (const event of RUN) expect(() => notifier.emit(event)).not.toThrow();
    // Waiting on the hanging endpoint would take its 500 ms timeout at least once: no emit waited for it.
    expect(performance.now() - started).toBeLessThan(400);
    const stats = await notifier.close();
    expect(stats.sent).toBe(0);
    expect(stats.skipped).toBe(1);
    // failing: 4 answered 500; hanging: its first message times out, later ones may still be queued at close.
    expect(stats.failed).toBeGreaterThanOrEqual(4 + 1 + 1);
  });

  it('reads the URL from an environment variable, so the environment file holds no credential', async () => {
    const endpoint = await startEndpoint();
    const notifier = createNotifier(config([{ urlEnv: 'TEAMS_HOOK', format: 'teams' }]), redactor(), {
      TEAMS_HOOK: `${endpoint.url}/hook`,
    });
    notifier.emit(RUN[0]!);
    expect(await notifier.close()).toMatchObject({ sent: 1 });
    expect(endpoint.received[0]!.path).toBe('/hook');
  });

  it('validates the notify section: a URL or an environment variable, a known format and kinds', () => {
    expect(NotifySchema.safeParse({ webhooks: [{ format: 'slack' }] }).success).toBe(false);
    expect(NotifySchema.safeParse({ webhooks: [{ url: 'ftp://x/y', format: 'slack' }] }).success).toBe(false);
    expect(NotifySchema.safeParse({ webhooks: [{ url: 'https://x/y', format: 'discord' }] }).success).toBe(
      false,
    );
    const parsed = NotifySchema.parse({
      webhooks: [{ url: 'https://hooks.slack.com/services/T/B/X', format: 'slack' }],
    });
    expect(parsed).toMatchObject({ waitingAfter: '10m', timeout: '5s' });
  });
});
