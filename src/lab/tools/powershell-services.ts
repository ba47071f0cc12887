import { beginStart, stopEntsso } from '../services/entsso-service.js';
import { listFolderFiles, resolveWinPath } from '../store/lab-fs.js';
import { recordProcessingStop } from '../services/processing-stops.js';
import {
  ENTSSO_SERVICE,
  entssoDependents,
  findHostService,
  type HostService,
  serviceStateOf,
} from './host-services.js';
import { startDependent } from './net-tool.js';
import { createToolOutput, done, type ToolContext, type ToolOutcome } from './tool-context.js';

/**
 * The service statements the runbooks' ENTSSO restart scripts are made of. The lab answers a script built
 * from these (in this order, joined with "; ") and nothing else, so a runbook that drifts fails its drill.
 */
const COLLECT =
  "$dependents = @(Get-Service -Name ENTSSO -DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name)";
const REPORT = "'Running dependents: ' + ($dependents -join ',')";
const STOP = 'Stop-Service -Name ENTSSO -Force';
const START = 'Start-Service -Name ENTSSO';
const START_COLLECTED = "foreach ($name in $dependents) { Start-Service -Name $name; 'Started ' + $name }";
const START_LISTED =
  /^foreach \(\$name in \('((?:[^']|'')*)' -split ',' \| Where-Object \{ \$_ \}\)\) \{ Start-Service -Name \$name; 'Started ' \+ \$name \}$/;
const PREFERENCE = "$ErrorActionPreference = 'Stop'";

type Plan = {
  collect: boolean;
  stop: boolean;
  start: boolean;
  startDependents: 'collected' | string[] | null;
};

/** The statements of a service script, or undefined when it is not one the lab answers. */
export function parseServiceScript(script: string): Plan | undefined {
  const statements = splitStatements(script);
  if (statements[0] !== PREFERENCE) return undefined;
  const plan: Plan = { collect: false, stop: false, start: false, startDependents: null };
  const rest = statements.slice(1);
  let i = 0;
  if (rest[i] === COLLECT && rest[i + 1] === REPORT) {
    plan.collect = true;
    i += 2;
  }
  if (rest[i] === STOP) {
    plan.stop = true;
    i += 1;
  }
  if (rest[i] === START) {
    plan.start = true;
    i += 1;
  }
  const listed = START_LISTED.exec(rest[i] ?? '');
  if (plan.collect && rest[i] === START_COLLECTED) {
    plan.startDependents = 'collected';
    i += 1;
  } else if (listed) {
    plan.startDependents = listed[1]!.replace(/''/g, "'").split(',').filter(Boolean);
    i += 1;
  }
  const any = plan.collect || plan.stop || plan.start || plan.startDependents !== null;
  return any && i === rest.length ? plan : undefined;
}

/** The query a post-check runs: the services depending on ENTSSO that are not running, one name a line. */
export const DEPENDENTS_NOT_RUNNING =
  "Get-Service -Name ENTSSO -DependentServices | Where-Object Status -ne 'Running' | ForEach-Object Name";

/**
 * How many .bak files sit in the backup's folder: event 10564's advice is to "confirm that there are no other
 * files in that folder with the .BAK extension, as the ENTSSO system may confuse them with the actual backup file".
 */
const BAK_COUNT =
  /^'Backup files in the folder : ' \+ @\(Get-ChildItem -Path \(Split-Path -Parent '((?:[^']|'')*)'\) -Filter '\*\.bak'\)\.Count$/;

export function countBackupFiles(ctx: ToolContext, script: string): ToolOutcome | undefined {
  const match = BAK_COUNT.exec(script);
  if (!match) return undefined;
  const file = resolveWinPath(match[1]!.replace(/''/g, "'"));
  const folder = file.slice(0, file.lastIndexOf('\\'));
  ctx.out.line(
    `Backup files in the folder : ${listFolderFiles(ctx.db, ctx.host.name, folder, '.bak').length}`,
  );
  return done(0);
}

/** The query a pre-check captures before ENTSSO stops: the running dependents, comma-separated. */
export const RUNNING_DEPENDENTS =
  "'Running dependents: ' + ((Get-Service -Name ENTSSO -DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name) -join ',')";

export function listRunningDependents(ctx: ToolContext): ToolOutcome {
  const running = entssoDependents(ctx.host).filter((s) => serviceStateOf(ctx.host, s) === 'running');
  ctx.out.line(`Running dependents: ${running.map((s) => s.name).join(',')}`);
  return done(0);
}

export function listDependentsNotRunning(ctx: ToolContext): ToolOutcome {
  for (const s of entssoDependents(ctx.host))
    if (serviceStateOf(ctx.host, s) !== 'running') ctx.out.line(s.name);
  return done(0);
}

/** Splits on `;` outside quotes and braces (the foreach body keeps its own). */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const ch of script) {
    if (quote) quote = ch === quote ? '' : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
    else if (ch === ';' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

/** Runs a parsed service script on the lab host: stop ENTSSO with its dependents, start it, start them again. */
export function runServiceScript(ctx: ToolContext, plan: Plan): ToolOutcome {
  const running = entssoDependents(ctx.host).filter((s) => serviceStateOf(ctx.host, s) === 'running');
  if (plan.collect) ctx.out.line(`Running dependents: ${running.map((s) => s.name).join(',')}`);
  if (plan.stop && ctx.host.entsso?.state === 'running') {
    recordProcessingStop(
      ctx.db,
      ctx.host,
      ctx.now,
      running.map((s) => s.name),
    );
    stopEntsso(ctx.host, ctx.now);
  }
  const dependents =
    plan.startDependents === 'collected'
      ? running
      : (plan.startDependents ?? []).map((name) => findHostService(ctx.host, name) ?? name);
  if (!plan.start) return startEach(ctx, dependents);
  if (ctx.host.entsso?.disabled || !ctx.host.entsso)
    return serviceError(
      ctx,
      'Start-Service',
      `Service '${ENTSSO_SERVICE.display} (ENTSSO)' cannot be started due to the following error: Cannot start service ENTSSO on computer '.'.`,
    );
  if (ctx.host.entsso.state === 'stopped') beginStart(ctx.db, ctx.host, ctx.now, ctx.meta);
  return awaitEntsso(ctx, dependents);
}

/** Start-Service waits until ENTSSO runs (ENTSSO can take minutes), then the dependents start. */
function awaitEntsso(ctx: ToolContext, dependents: (HostService | string)[]): ToolOutcome {
  const entsso = ctx.host.entsso!;
  if (entsso.state === 'start-pending' && entsso.startDoneAt !== undefined)
    return { waitUntil: entsso.startDoneAt, resume: (next) => awaitEntsso(next, dependents) };
  if (entsso.state !== 'running')
    return serviceError(ctx, 'Start-Service', `Service '${ENTSSO_SERVICE.display} (ENTSSO)' start failed.`);
  return startEach(ctx, dependents);
}

function startEach(ctx: ToolContext, dependents: (HostService | string)[]): ToolOutcome {
  for (const service of dependents) {
    if (typeof service === 'string')
      return serviceError(ctx, 'Start-Service', `Cannot find any service with service name '${service}'.`);
    if (serviceStateOf(ctx.host, service) !== 'running') {
      // net start's checks, without its console text
      const quiet = { ...ctx, out: createToolOutput() };
      const started = startDependent(quiet, service);
      if ('exitCode' in started && started.exitCode !== 0)
        return serviceError(
          ctx,
          'Start-Service',
          `Service '${service.display} (${service.name})' cannot be started due to the following error: Cannot start service ${service.name} on computer '.'.`,
        );
    }
    ctx.out.line(`Started ${service.name}`);
  }
  return done(0);
}

function serviceError(ctx: ToolContext, cmdlet: string, message: string): ToolOutcome {
  ctx.out.errLine(`${cmdlet} : ${message}`);
  ctx.out.errLine('    + CategoryInfo          : OpenError: (:) [Start-Service], ServiceCommandException');
  ctx.out.errLine(
    `    + FullyQualifiedErrorId : StartServiceFailed,Microsoft.PowerShell.Commands.StartServiceCommand`,
  );
  ctx.out.errLine();
  return done(1);
}
