import { beginStart } from '../services/entsso-service.js';
import { ENTSSO_SERVICE, findHostService, serviceStateOf } from './host-services.js';
import { SSO_TOOL_DIR } from '../lab-environment.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const START_TYPES = {
  auto: 'AUTO_START',
  demand: 'DEMAND_START',
  disabled: 'DISABLED',
  'delayed-auto': 'AUTO_START (DELAYED)',
} as const;

function notInstalled(ctx: ToolContext, verb: string): ToolOutcome {
  ctx.out.line(`[SC] ${verb} FAILED 1060:`);
  ctx.out.line();
  ctx.out.line('The specified service does not exist as an installed service.');
  ctx.out.line();
  return done(1060);
}

/**
 * sc start entsso: asks the Service Control Manager to start it and returns at once (START_PENDING),
 * unlike net start, which waits. Only ENTSSO is modelled here.
 */
export function scStart(ctx: ToolContext, name: string): ToolOutcome {
  const service = findHostService(ctx.host, name);
  if (service?.key !== 'entsso' || !ctx.host.entsso) return notInstalled(ctx, 'StartService');
  if (!ctx.host.operator.elevated) return scFailed(ctx, 'StartService', 5, 'Access is denied.');
  const entsso = ctx.host.entsso;
  if (entsso.disabled) {
    return scFailed(
      ctx,
      'StartService',
      1058,
      'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    );
  }
  if (serviceStateOf(ctx.host, service) !== 'stopped')
    return scFailed(ctx, 'StartService', 1056, 'An instance of the service is already running.');
  beginStart(ctx.db, ctx.host, ctx.now, ctx.meta);
  for (const line of [
    '',
    `SERVICE_NAME: ${ENTSSO_SERVICE.name}`,
    '        TYPE               : 10  WIN32_OWN_PROCESS',
    '        STATE              : 2  START_PENDING',
    '                                (NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)',
    '        WIN32_EXIT_CODE    : 0  (0x0)',
    '        SERVICE_EXIT_CODE  : 0  (0x0)',
    '        CHECKPOINT         : 0x0',
    '        WAIT_HINT          : 0x7d0',
    '',
  ]) {
    ctx.out.line(line);
  }
  return done(0);
}

/** sc config entsso start= disabled|auto|demand|delayed-auto (the space after "start=" is part of sc's syntax). */
export function scConfig(ctx: ToolContext, name: string, options: readonly string[]): ToolOutcome {
  const service = findHostService(ctx.host, name);
  if (service?.key !== 'entsso' || !ctx.host.entsso) return notInstalled(ctx, 'OpenService');
  const index = options.findIndex((o) => o.toLowerCase() === 'start=');
  const value = index >= 0 ? options[index + 1]?.toLowerCase() : undefined;
  if (!value || !(value in START_TYPES)) {
    ctx.out.line('DESCRIPTION:');
    ctx.out.line('        Modifies a service entry in the registry and Service Database.');
    ctx.out.line('USAGE:');
    ctx.out.line(
      '        sc <server> config [service name] start= <boot|system|auto|demand|disabled|delayed-auto>',
    );
    return done(1639);
  }
  if (!ctx.host.operator.elevated) return scFailed(ctx, 'OpenService', 5, 'Access is denied.');
  ctx.host.entsso.disabled = value === 'disabled';
  if (value !== 'disabled') ctx.host.entsso.startType = value as 'auto' | 'demand' | 'delayed-auto';
  ctx.out.line('[SC] ChangeServiceConfig SUCCESS');
  return done(0);
}

function scFailed(ctx: ToolContext, verb: string, code: number, text: string): ToolOutcome {
  ctx.out.line(`[SC] ${verb} FAILED ${code}:`);
  ctx.out.line();
  ctx.out.line(text);
  ctx.out.line();
  return done(code);
}

/** sc qc <service>: the configuration, with the account the service logs on as (SERVICE_START_NAME). */
export function scQueryConfig(ctx: ToolContext, name: string): ToolOutcome {
  const service = findHostService(ctx.host, name);
  if (!service) return notInstalled(ctx, 'OpenService');
  const entsso = service.key === 'entsso' ? ctx.host.entsso : undefined;
  const start = entsso?.disabled
    ? '4   DISABLED'
    : entsso?.startType === 'demand'
      ? '3   DEMAND_START'
      : entsso?.startType === 'delayed-auto'
        ? '2   AUTO_START  (DELAYED)'
        : '2   AUTO_START';
  const binary =
    service.key === 'entsso'
      ? `"${SSO_TOOL_DIR}\\ENTSSO.exe"`
      : '"C:\\Program Files (x86)\\Microsoft BizTalk Server\\BTSNTSvc64.exe" -group "BizTalk Group" -name "BizTalkServerApplication"';
  const account = entsso?.account ?? `${ctx.meta.domain}\\svc-btshost`;
  for (const line of [
    '[SC] QueryServiceConfig SUCCESS',
    '',
    `SERVICE_NAME: ${service.name}`,
    '        TYPE               : 10  WIN32_OWN_PROCESS',
    `        START_TYPE         : ${start}`,
    '        ERROR_CONTROL      : 1   NORMAL',
    `        BINARY_PATH_NAME   : ${binary}`,
    '        LOAD_ORDER_GROUP   :',
    '        TAG                : 0',
    `        DISPLAY_NAME       : ${service.display}`,
    `        DEPENDENCIES       : ${service.key === 'entsso' ? 'RPCSS' : 'ENTSSO'}`,
    `        SERVICE_START_NAME : ${account}`,
    '',
  ]) {
    ctx.out.line(line);
  }
  return done(0);
}
