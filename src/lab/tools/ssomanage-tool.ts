import { displayApp, listApps, listUserMappings, setCredentials } from './ssomanage-apps.js';
import { displayDb, showDb, updateDb } from './ssomanage-db.js';
import { checkElevated } from './sso-checks.js';
import { done, switchName, type ToolContext, type ToolOutcome } from './tool-context.js';

const USAGE = [
  'Usage: ssomanage -server <ssoServer> | -serverall <ssoServer> | -showserver',
  '       ssomanage -displaydb | -updatedb <xml file>',
  '       ssomanage -displaydb | -showdb',
  '       ssomanage -listapps [all] | -displayapp <app> | -setcredentials <domain\\user> <app>',
  '       ssomanage -listmappings <app> | <domain\\user> [<app>]',
];

function usage(ctx: ToolContext): ToolOutcome {
  for (const line of USAGE) ctx.out.line(line);
  return done(1);
}

function showServer(ctx: ToolContext): ToolOutcome {
  ctx.out.line(`Current user's SSO server : ${ctx.host.ssoServerUser ?? '(not set)'}`);
  ctx.out.line(`All users' SSO server : ${ctx.host.ssoServerAll ?? '(not set)'}`);
  ctx.out.line(`SSO server used : ${ctx.host.ssoServerUser ?? ctx.host.ssoServerAll ?? ctx.host.name}`);
  return done(0);
}

function setServer(ctx: ToolContext, scope: 'user' | 'all', name: string): ToolOutcome {
  if (scope === 'all') {
    const failure = checkElevated(ctx);
    if (failure) return failure;
    ctx.host.ssoServerAll = name;
  } else {
    ctx.host.ssoServerUser = name;
  }
  ctx.out.line('The operation completed successfully.');
  return done(0);
}

/** ssomanage: server selection, SSODB global info, affiliate applications. */
export function ssomanageTool(ctx: ToolContext): ToolOutcome {
  const [flag, first, second] = ctx.args;
  const name = switchName(flag);
  const arity: Record<string, number> = {
    showserver: 0,
    displaydb: 0,
    showdb: 0,
    listmappings: second ? 2 : 1,
    listapps: first ? 1 : 0,
    server: 1,
    serverall: 1,
    updatedb: 1,
    displayapp: 1,
    setcredentials: 2,
  };
  const expected = arity[name];
  if (expected === undefined || ctx.args.length - 1 !== expected) return usage(ctx);
  if (name === 'showserver') return showServer(ctx);
  if (name === 'server' || name === 'serverall')
    return setServer(ctx, name === 'server' ? 'user' : 'all', first!);
  if (name === 'displaydb') return displayDb(ctx);
  if (name === 'showdb') return showDb(ctx);
  if (name === 'listmappings') return listUserMappings(ctx, first!, second);
  if (name === 'updatedb') return updateDb(ctx, first!);
  if (name === 'listapps')
    return first && first.toLowerCase() !== 'all' ? usage(ctx) : listApps(ctx, first !== undefined);
  if (name === 'displayapp') return displayApp(ctx, first!);
  return setCredentials(ctx, first!, second!);
}
