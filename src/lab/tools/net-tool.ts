import { beginStart, stopEntsso } from '../services/entsso-service.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { canDecryptAll } from '../secrets/secret-access.js';
import { recordProcessingStop } from '../services/processing-stops.js';
import {
  ENTSSO_SERVICE,
  entssoDependents,
  findHostService,
  type HostService,
  hostServices,
  serviceStateOf,
  setDependentState,
} from './host-services.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** How long `net start` waits for a start-pending service before giving up (NET HELPMSG 2186). */
export const NET_START_WAIT_MS = 60_000;

function netError(ctx: ToolContext, lines: string[], helpmsg?: number): ToolOutcome {
  for (const line of lines) ctx.out.errLine(line);
  if (helpmsg !== undefined) {
    ctx.out.errLine();
    ctx.out.errLine(`More help is available by typing NET HELPMSG ${helpmsg}.`);
  }
  ctx.out.errLine();
  return done(2);
}

const accessDenied = (ctx: ToolContext) =>
  netError(ctx, ['System error 5 has occurred.', '', 'Access is denied.']);

function listStarted(ctx: ToolContext): ToolOutcome {
  ctx.out.line('These Windows services are started:');
  ctx.out.line();
  for (const s of hostServices(ctx.host))
    if (serviceStateOf(ctx.host, s) === 'running') ctx.out.line(`   ${s.display}`);
  ctx.out.line();
  ctx.out.line('The command completed successfully.');
  ctx.out.line();
  return done(0);
}

function finishEntssoStart(ctx: ToolContext, deadline: number): ToolOutcome {
  const entsso = ctx.host.entsso!;
  if (entsso.state === 'running') {
    ctx.out.line(`The ${ENTSSO_SERVICE.display} service was started successfully.`);
    ctx.out.line();
    return done(0);
  }
  if (entsso.state === 'start-pending' && entsso.startDoneAt !== undefined) {
    if (ctx.now < deadline) {
      return {
        waitUntil: Math.min(entsso.startDoneAt, deadline),
        resume: (next) => finishEntssoStart(next, deadline),
      };
    }
    return netError(ctx, ['The service is not responding to the control function.'], 2186);
  }
  const lines = [`The ${ENTSSO_SERVICE.display} service could not be started.`, ''];
  return netError(ctx, [...lines, `A service specific error occurred: ${entsso.lastError ?? 1}.`], 3547);
}

function startService(ctx: ToolContext, service: HostService): ToolOutcome {
  const state = serviceStateOf(ctx.host, service);
  if (state === 'running') return netError(ctx, ['The requested service has already been started.'], 2182);
  if (state !== 'stopped')
    return netError(ctx, ['The service is starting or stopping.  Please try again later.'], 2189);
  if (service.key !== 'entsso') return startDependent(ctx, service);
  if (ctx.host.entsso?.disabled) {
    return netError(ctx, [
      'System error 1058 has occurred.',
      '',
      'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    ]);
  }
  beginStart(ctx.db, ctx.host, ctx.now, ctx.meta);
  ctx.out.line(`The ${service.display} service is starting.`);
  // net start waits for the service, up to a limit; a slow ENTSSO outlives it and keeps starting
  return finishEntssoStart(ctx, ctx.now + NET_START_WAIT_MS);
}

/** A dependent needs ENTSSO running; a host instance also reads its adapter configuration through it at start. */
export function startDependent(ctx: ToolContext, service: HostService): ToolOutcome {
  if (ctx.host.entsso?.state !== 'running') {
    return netError(ctx, [
      'System error 1068 has occurred.',
      '',
      'The dependency service or group failed to start.',
    ]);
  }
  ctx.out.line(`The ${service.display} service is starting.`);
  if (service.name.startsWith('BTSSvc$') && !canDecryptAll(ctx.db, ctx.host)) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.noSecret());
    const lines = [
      `The ${service.display} service could not be started.`,
      '',
      'The service did not report an error.',
    ];
    return netError(ctx, lines, 3534);
  }
  setDependentState(ctx.host, service, 'running');
  ctx.out.line(`The ${service.display} service was started successfully.`);
  ctx.out.line();
  return done(0);
}

function stopService(ctx: ToolContext, service: HostService, yes: boolean): ToolOutcome {
  const state = serviceStateOf(ctx.host, service);
  if (state === 'stopped') return netError(ctx, [`The ${service.display} service is not started.`], 3521);
  if (state !== 'running')
    return netError(ctx, ['The service is starting or stopping.  Please try again later.'], 2189);
  const dependents =
    service.key === 'entsso'
      ? entssoDependents(ctx.host).filter((s) => serviceStateOf(ctx.host, s) === 'running')
      : [];
  if (dependents.length > 0 && !yes && !confirmDependents(ctx, dependents)) return done(2);
  const stopped = [...dependents, service];
  for (const s of stopped) {
    ctx.out.line(`The ${s.display} service is stopping.`);
    ctx.out.line(`The ${s.display} service was stopped successfully.`);
    ctx.out.line();
  }
  const processing = stopped.filter((s) => s.key !== 'entsso').map((s) => s.name);
  recordProcessingStop(ctx.db, ctx.host, ctx.now, processing);
  if (service.key === 'entsso') stopEntsso(ctx.host, ctx.now);
  else setDependentState(ctx.host, service, 'stopped');
  return done(0);
}

function confirmDependents(ctx: ToolContext, dependents: HostService[]): boolean {
  ctx.out.line(`The following services are dependent on the ${ENTSSO_SERVICE.display} service.`);
  ctx.out.line(`Stopping the ${ENTSSO_SERVICE.display} service will also stop these services.`);
  ctx.out.line();
  for (const s of dependents) ctx.out.line(`   ${s.display}`);
  ctx.out.line();
  return /^y(es)?$/i.test(ctx.ask('Do you want to continue this operation? (Y/N) [N]: ', false).trim());
}

/** net start / net stop for ENTSSO and the services that depend on it. */
export function netTool(ctx: ToolContext): ToolOutcome {
  const [verb, ...rest] = ctx.args;
  const yes = rest.some((a) => /^\/y(es)?$/i.test(a));
  const name = rest.filter((a) => !a.startsWith('/')).join(' ');
  const action = verb?.toLowerCase();
  if (action === 'start' && name === '') return listStarted(ctx);
  if ((action !== 'start' && action !== 'stop') || name === '') {
    return netError(ctx, ['The syntax of this command is:', '', 'NET START | STOP [service]']);
  }
  const service = findHostService(ctx.host, name);
  if (!service) return netError(ctx, ['The service name is invalid.'], 2185);
  if (!ctx.host.operator.elevated || !ctx.host.operator.localAdmin) return accessDenied(ctx);
  return action === 'start' ? startService(ctx, service) : stopService(ctx, service, yes);
}
