import { canReachSqlHost } from '../services/entsso-service.js';
import {
  type DrSite,
  LOG_SHIPPING_JOBS,
  MARKED_DATABASES,
  readDrSite,
  writeDrSite,
} from '../dr-site/dr-site.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const NOT_MODELLED =
  'lab: sqlcmd answers only the log-shipping queries the runbooks use (IS_SRVROLEMEMBER, sp_update_job, sp_start_job, sysjobs, sysjobhistory, sys.databases, restorehistory, bts_LogShippingHistory); this query is not modelled.';

/** sqlcmd -S <server> -E [-b] [-h -1] [-W] -Q "<query>" */
function parseArgs(args: string[]): { server?: string; query?: string } {
  const parsed: { server?: string; query?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!.toUpperCase();
    if (flag === '-S') parsed.server = args[++i];
    else if (flag === '-Q') parsed.query = args[++i];
    else if (flag === '-H') i++;
  }
  return parsed;
}

const jobNamed = (query: string) => /(?:@job_name|\bname)\s*=\s*N?'([^']+)'/i.exec(query)?.[1];

function noSuchJob(ctx: ToolContext, name: string | undefined): ToolOutcome {
  ctx.out.line(`Msg 14262, Level 16, State 1: The specified @job_name ('${name ?? ''}') does not exist.`);
  return done(1);
}

/** The Restore To Mark job: only when every database already holds every set before the marked one. */
function restoreToMark(site: DrSite): { status: 0 | 1; message: string } {
  const behind = MARKED_DATABASES.filter((name) => site.databases[name]!.restoredSet < site.latestSet - 1);
  if (behind.length > 0)
    return {
      status: 0,
      message: `The job failed. RESTORE LOG is terminating abnormally: the log in this backup set is too recent to apply to the database ${behind.join(', ')}.`,
    };
  for (const name of MARKED_DATABASES)
    Object.assign(site.databases[name]!, {
      restoredSet: site.latestSet,
      state: 'ONLINE',
      stopAtMark: site.mark,
    });
  return { status: 1, message: 'The job succeeded.' };
}

function startJob(ctx: ToolContext, site: DrSite, name: string | undefined): ToolOutcome {
  const job = name ? site.jobs[name] : undefined;
  if (!job || !name) return noSuchJob(ctx, name);
  ctx.out.line(`Job '${name}' started successfully.`);
  if (name === LOG_SHIPPING_JOBS.toMark) job.lastRun = restoreToMark(site);
  else if (name === LOG_SHIPPING_JOBS.restore) {
    // restores every log backup set that arrived, up to the one holding the mark (left to Restore To Mark)
    for (const database of Object.values(site.databases))
      if (database.state === 'RESTORING')
        database.restoredSet = Math.max(database.restoredSet, site.latestSet - 1);
    job.lastRun = { status: 1, message: 'The job succeeded.' };
  } else job.lastRun = { status: 1, message: 'The job succeeded.' };
  writeDrSite(ctx.db, site);
  return done(0);
}

function answer(ctx: ToolContext, site: DrSite, query: string): ToolOutcome {
  if (/sp_update_job/i.test(query)) {
    const job = site.jobs[jobNamed(query) ?? ''];
    const enabled = /@enabled\s*=\s*([01])/i.exec(query)?.[1];
    if (!job) return noSuchJob(ctx, jobNamed(query));
    if (enabled === undefined) return refuse(ctx);
    job.enabled = enabled === '1';
    writeDrSite(ctx.db, site);
    return done(0);
  }
  if (/sp_start_job/i.test(query)) return startJob(ctx, site, jobNamed(query));
  if (/IS_SRVROLEMEMBER\s*\(\s*'sysadmin'\s*\)/i.test(query)) {
    // the lab's operator is a sysadmin when a local administrator (How to Restore Your Databases' prerequisite)
    ctx.out.line(ctx.host.operator.localAdmin ? '1' : '0');
    return done(0);
  }
  if (/sysjobhistory/i.test(query)) {
    const job = site.jobs[jobNamed(query) ?? ''];
    if (!job) return noSuchJob(ctx, jobNamed(query));
    if (job.lastRun) ctx.out.line(`${job.lastRun.status} ${job.lastRun.message}`);
    return done(0);
  }
  if (/msdb\.dbo\.sysjobs\b/i.test(query)) {
    const job = site.jobs[jobNamed(query) ?? ''];
    if (!job) return noSuchJob(ctx, jobNamed(query));
    ctx.out.line(job.enabled ? '1' : '0');
    return done(0);
  }
  if (/sys\.databases/i.test(query)) {
    const name = /name\s*=\s*N?'([^']+)'/i.exec(query)?.[1] ?? '';
    const database = Object.entries(site.databases).find(([key]) => key.toLowerCase() === name.toLowerCase());
    if (database) ctx.out.line(`${database[0]} ${database[1].state}`);
    return done(0);
  }
  if (/restorehistory/i.test(query)) return restoreHistory(ctx, site, query);
  if (/bts_LogShippingHistory/i.test(query)) {
    // databases with more than the marked set still to restore
    ctx.out.line(
      String(
        Object.values(site.databases).filter(
          (d) => d.state === 'RESTORING' && d.restoredSet < site.latestSet - 1,
        ).length,
      ),
    );
    return done(0);
  }
  return refuse(ctx);
}

/** msdb.dbo.restorehistory: the mark each database was last restored to (stop_at_mark_name). */
function restoreHistory(ctx: ToolContext, site: DrSite, query: string): ToolOutcome {
  const markOf = (name: string) => site.databases[name]?.stopAtMark;
  if (/COUNT\s*\(\s*DISTINCT/i.test(query)) {
    // a database not restored to a mark counts as a mark of its own: it is not at the others'
    ctx.out.line(String(new Set(MARKED_DATABASES.map((name) => markOf(name) ?? `(none) ${name}`)).size));
    return done(0);
  }
  const one = /destination_database_name\s*=\s*N?'([^']+)'/i.exec(query)?.[1];
  if (one !== undefined) {
    const name = Object.keys(site.databases).find((key) => key.toLowerCase() === one.toLowerCase());
    const mark = name ? markOf(name) : undefined;
    if (mark) ctx.out.line(mark);
    return done(0);
  }
  for (const name of MARKED_DATABASES) ctx.out.line(`${name} ${markOf(name) ?? '(none)'}`);
  return done(0);
}

function refuse(ctx: ToolContext): ToolOutcome {
  ctx.out.errLine(NOT_MODELLED);
  return done(1);
}

/** sqlcmd against the lab's SQL Servers: the destination system of BizTalk log shipping answers its jobs and history. */
export function sqlcmdTool(ctx: ToolContext): ToolOutcome {
  const { server, query } = parseArgs(ctx.args);
  if (!server || !query) {
    ctx.out.errLine('Sqlcmd: the lab needs -S <server> and -Q "<query>".');
    return done(1);
  }
  if (!canReachSqlHost(ctx.db, ctx.meta, ctx.host, server)) {
    ctx.out.line(
      `Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : Named Pipes Provider: Could not open a connection to SQL Server [53]. (${server})`,
    );
    return done(1);
  }
  const site = readDrSite(ctx.db);
  if (!site || site.sqlHost.toLowerCase() !== server.toLowerCase()) return refuse(ctx);
  return answer(ctx, site, query);
}
