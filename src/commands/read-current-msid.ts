import type { Transport } from '../engine/ports.js';
import type { Environment } from '../runbook/environment-schema.js';

type Context = { environment: Environment; transport: Transport };

/** The Application-log query of the newest ENTSSO events with these ids (wevtutil, as the lab models it). */
export function newestEventQuery(ids: readonly number[]): string[] {
  const filter = ids.map((id) => `EventID=${id}`).join(' or ');
  return [
    'wevtutil',
    'qe',
    'Application',
    '/c:1',
    '/rd:true',
    '/f:text',
    `/q:*[System[Provider[@Name='ENTSSO'] and (${filter})]]`,
  ];
}

type Event = { host: string; date: string; text: string };

async function newestEvent(context: Context, host: string, ids: number[]): Promise<Event | undefined> {
  const result = await context.transport.exec(host, newestEventQuery(ids), { timeoutMs: 60_000 });
  if (!result.ok) return undefined;
  const date = /^\s*Date:\s*(\S+)/m.exec(result.stdout)?.[1];
  return date ? { host, date, text: result.stdout } : undefined;
}

/**
 * The MSID the SSO system uses now, from the newest documented event that names one: on any SSO server
 * "Got the current secret from the master secret server" (10529 at start, 10533 after a poll: "MSID:"),
 * and on the MSS "A new master secret was successfully generated" (10525), "The master secrets were
 * successfully restored" (10523) and "... backed up" (10559) ("Current MSID:"). Read-only; no password.
 */
export async function readCurrentMsid(
  context: Context,
): Promise<{ msid?: string; detail: string; generated?: string }> {
  const servers = Object.entries(context.environment.hosts)
    .filter(([, host]) => host.roles.includes('sso-server'))
    .map(([name]) => name);
  const mss = context.environment.vars.currentMss;
  const onMss = mss && context.environment.hosts[mss] ? mss : undefined;
  const [fetched, secretEvents, generatedEvent] = await Promise.all([
    Promise.all(servers.map((host) => newestEvent(context, host, [10529, 10533]))),
    onMss ? newestEvent(context, onMss, [10525, 10523, 10559]) : undefined,
    onMss ? newestEvent(context, onMss, [10525]) : undefined,
  ]);
  const newest = [...fetched, secretEvents]
    .filter((e): e is Event => e !== undefined)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  const msid = newest && /MSID:\s*(\{[0-9A-Fa-f-]+\})/.exec(newest.text)?.[1];
  const generated = generatedEvent
    ? `on ${generatedEvent.host} at ${generatedEvent.date} (event 10525)`
    : undefined;
  if (!newest || !msid)
    return {
      detail: `no 10529/10533 on ${servers.join(', ') || 'any SSO server'}, no 10525/10523/10559 on the MSS`,
    };
  return {
    msid,
    detail: `event ${/Event ID:\s*(\d+)/.exec(newest.text)?.[1] ?? '?'} on ${newest.host} at ${newest.date}`,
    ...(generated ? { generated } : {}),
  };
}
