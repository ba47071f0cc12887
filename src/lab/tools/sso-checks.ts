import { ENTSSO_ERROR_TEXTS } from '../services/entsso-error-texts.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { canReachSql, ssoDatabaseOf } from '../services/entsso-service.js';
import type { LabServer } from '../lab-types.js';
import { canReachRpc, isRunning } from '../secrets/secret-server.js';
import { answersAs, resolveHost } from '../cluster/lab-cluster.js';
import { sameHost } from '../store/server-store.js';
import { readSsoGlobal } from '../ssodb/sso-db.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** ENTSSO message id → HRESULT, as the reference infers it (§3.4): 10766 → 0xC0002A0E. */
export function hresult(id: number): string {
  return `0xC000${id.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** SSO tools print errors on stdout as `ERROR: 0x<hresult> : <text>` and exit 1; the text is Microsoft's for the id. */
export function ssoError(ctx: ToolContext, id: number, text = ENTSSO_ERROR_TEXTS[id] ?? ''): ToolOutcome {
  ctx.out.line(`ERROR: ${hresult(id)} : ${text}`);
  return done(1);
}

/**
 * ssoconfig reads a password from the console, not from stdin: no Microsoft page documents a piped
 * password, and the community guide to automating the restore (TechNet wiki 24787) exists because the
 * tool "requires human intervention to enter the password". Without a console the lab fails the prompt
 * the way reading a console from a redirected handle does (ERROR_INVALID_HANDLE). That code is the lab's
 * model, not a documented message: the runbooks use ISSOConfigSS (PowerShell) where there is no console.
 */
export function checkConsole(ctx: ToolContext): ToolOutcome | undefined {
  if (ctx.console) return undefined;
  ctx.out.line('ERROR: 0x80070006 : The handle is invalid.');
  return done(1);
}

export function rpcUnavailable(ctx: ToolContext): ToolOutcome {
  ctx.out.line('ERROR: 0x800706BA: The RPC server is unavailable.');
  return done(1);
}

export function clientOf(ctx: ToolContext): { user: string; computer: string } {
  return { user: ctx.meta.operatorUser, computer: ctx.host.name };
}

export function checkElevated(ctx: ToolContext): ToolOutcome | undefined {
  const rights = ctx.host.operator;
  if (rights.elevated && rights.localAdmin) return undefined;
  return ssoError(ctx, 10771);
}

export function checkSsoAdmin(ctx: ToolContext, target: LabServer): ToolOutcome | undefined {
  if (ctx.host.operator.ssoAdmin) return undefined;
  logEvent(ctx.db, target.name, ctx.now, entssoEvents.notSsoAdmin());
  return ssoError(ctx, 10772);
}

export function checkSql(ctx: ToolContext, target: LabServer): ToolOutcome | undefined {
  if (canReachSql(ctx.db, ctx.meta, target)) return undefined;
  const { sqlServer, ssoDb } = ssoDatabaseOf(ctx.meta, target);
  return ssoError(ctx, 10513, `Could not contact the SSO database '${ssoDb}' on SQL Server '${sqlServer}'.`);
}

/** Secret functions run only where SSODB names this server and its Secret sub-service started (F5). */
export function checkMss(ctx: ToolContext): ToolOutcome | undefined {
  const global = readSsoGlobal(ctx.db);
  if (answersAs(ctx.db, global.secretServer, ctx.host) && ctx.host.entsso?.secretServerActive)
    return undefined;
  logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.notSecretServer());
  return ssoError(ctx, 10766);
}

/** ssoconfig talks to the SSO service on this computer. */
export function checkLocalService(ctx: ToolContext): ToolOutcome | undefined {
  return isRunning(ctx.host) ? undefined : rpcUnavailable(ctx);
}

/** ssomanage talks to the SSO server set for the user, else for all users, else this computer. */
export function connectSsoServer(ctx: ToolContext): { target: LabServer } | { outcome: ToolOutcome } {
  const name = ctx.host.ssoServerUser ?? ctx.host.ssoServerAll ?? ctx.host.name;
  ctx.out.line(
    sameHost(name, ctx.host.name) ? 'Using SSO server on this computer' : `Using SSO server : ${name}`,
  );
  ctx.out.line();
  const target = sameHost(name, ctx.host.name) ? ctx.host : resolveHost(ctx.db, name);
  if (!target?.entsso || !canReachRpc(ctx.host, target) || !isRunning(target))
    return { outcome: rpcUnavailable(ctx) };
  // the F15 pitfall: the node owning the network name runs ENTSSO started outside the cluster
  if (target.entsso.rpcEndpointMissing && !sameHost(name, target.name)) {
    ctx.out.line('ERROR: 0x800706D9: There are no more endpoints available from the endpoint mapper.');
    return { outcome: done(1) };
  }
  return { target };
}
