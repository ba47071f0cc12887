import { findHostService, serviceStateOf } from './host-services.js';
import { scConfig, scQueryConfig, scStart } from './sc-control.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const STATES = {
  stopped: '1  STOPPED',
  'start-pending': '2  START_PENDING',
  'stop-pending': '3  STOP_PENDING',
  running: '4  RUNNING',
} as const;

/** sc query|qc|start|config <service>: the real layouts (SERVICE_NAME:, STATE : 4  RUNNING, [SC] …). */
export function scTool(ctx: ToolContext): ToolOutcome {
  const [verb, name] = ctx.args;
  if (name && verb?.toLowerCase() === 'start') return scStart(ctx, name);
  if (name && verb?.toLowerCase() === 'config') return scConfig(ctx, name, ctx.args.slice(2));
  if (name && verb?.toLowerCase() === 'qc') return scQueryConfig(ctx, name);
  if (verb?.toLowerCase() !== 'query' || !name) {
    ctx.out.line('DESCRIPTION:');
    ctx.out.line(
      '        SC is a command line program used for communicating with the Service Control Manager and services.',
    );
    ctx.out.line('USAGE:');
    ctx.out.line('        sc <server> [command] [service name] <option1> <option2>...');
    return done(1);
  }
  const service = findHostService(ctx.host, name);
  const state = serviceStateOf(ctx.host, service);
  if (!service || state === 'missing') {
    ctx.out.line('[SC] EnumQueryServicesStatus:OpenService FAILED 1060:');
    ctx.out.line();
    ctx.out.line('The specified service does not exist as an installed service.');
    ctx.out.line();
    return done(1060);
  }
  const pending = state === 'start-pending' || state === 'stop-pending';
  const lines = [
    '',
    `SERVICE_NAME: ${service.name}`,
    `        TYPE               : 10  WIN32_OWN_PROCESS`,
    `        STATE              : ${STATES[state]}`,
    `                                (${state === 'running' ? 'STOPPABLE' : 'NOT_STOPPABLE'}, NOT_PAUSABLE, ${state === 'running' ? 'ACCEPTS_SHUTDOWN' : 'IGNORES_SHUTDOWN'})`,
    `        WIN32_EXIT_CODE    : 0  (0x0)`,
    `        SERVICE_EXIT_CODE  : 0  (0x0)`,
    `        CHECKPOINT         : ${pending ? '0x1' : '0x0'}`,
    `        WAIT_HINT          : ${pending ? '0x7530' : '0x0'}`,
    '',
  ];
  for (const line of lines) ctx.out.line(line);
  return done(0);
}
