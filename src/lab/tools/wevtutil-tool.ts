import { type LabEvent, queryEvents } from '../services/event-log.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

type QueryOptions = { count?: number; newestFirst: boolean; ids: number[]; source?: string; text: boolean };

function parseOptions(args: string[]): QueryOptions {
  const options: QueryOptions = { newestFirst: false, ids: [], text: false };
  for (const arg of args) {
    const [, name = '', value = ''] = /^\/(\w+):?(.*)$/s.exec(arg) ?? [];
    const key = name.toLowerCase();
    if (key === 'c' || key === 'count') options.count = Number(value);
    if (key === 'rd' || key === 'reversedirection') options.newestFirst = value.toLowerCase() === 'true';
    if (key === 'f' || key === 'format') options.text = value.toLowerCase() === 'text';
    if (key === 'q' || key === 'query') {
      options.ids = [...value.matchAll(/EventID\s*=\s*(\d+)/gi)].map((m) => Number(m[1]));
      options.source = /Provider\[@Name=['"]([^'"]+)['"]\]/i.exec(value)?.[1];
    }
  }
  return options;
}

function formatText(event: LabEvent, index: number, domain: string): string[] {
  return [
    `Event[${index}]:`,
    '  Log Name: Application',
    `  Source: ${event.source}`,
    `  Date: ${new Date(event.time).toISOString().slice(0, 23)}`,
    `  Event ID: ${event.eventId}`,
    '  Task: N/A',
    `  Level: ${event.level}`,
    '  Opcode: N/A',
    '  Keyword: Classic',
    '  User: N/A',
    '  User Name: N/A',
    `  Computer: ${event.host}.${domain.toLowerCase()}.local`,
    '  Description: ',
    ...event.message.split('\r\n'),
    '',
  ];
}

function formatXml(event: LabEvent): string {
  const time = new Date(event.time).toISOString();
  const message = event.message.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<Event><System><Provider Name='${event.source}'/><EventID>${event.eventId}</EventID><Level>${event.level}</Level><TimeCreated SystemTime='${time}'/><Computer>${event.host}</Computer></System><EventData><Data>${message}</Data></EventData></Event>`;
}

/** wevtutil qe Application [/c:N] [/rd:true] [/f:text] [/q:"*[System[(EventID=10534)]]"] */
export function wevtutilTool(ctx: ToolContext): ToolOutcome {
  const [verb, log, ...rest] = ctx.args;
  if (!['qe', 'query-events'].includes(verb?.toLowerCase() ?? '') || !log) {
    ctx.out.errLine(
      'Usage: wevtutil qe Application [/c:N] [/rd:true] [/f:text] [/q:"*[System[(EventID=N)]]"]',
    );
    return done(87);
  }
  if (log.toLowerCase() !== 'application') {
    ctx.out.errLine(`Failed to read events in log ${log}. The specified channel could not be found.`);
    return done(15007);
  }
  const options = parseOptions(rest);
  const events = queryEvents(ctx.db, ctx.host.name, {
    ids: options.ids,
    source: options.source,
    newestFirst: options.newestFirst,
    limit: options.count,
  });
  events.forEach((event, i) => {
    if (options.text) for (const line of formatText(event, i, ctx.meta.domain)) ctx.out.line(line);
    else ctx.out.line(formatXml(event));
  });
  return done(0);
}
