import { ssoDatabaseOf } from '../services/entsso-service.js';
import { backupSecret, generateSecret } from './ssoconfig-backup.js';
import { restoreSecret } from './ssoconfig-restore.js';
import { checkElevated, checkLocalService } from './sso-checks.js';
import { done, switchName, type ToolContext, type ToolOutcome } from './tool-context.js';

const USAGE = [
  'Usage: ssoconfig -backupSecret <backup file>',
  '       ssoconfig -restoreSecret <restore file>',
  '       ssoconfig -generateSecret <backup file>',
  '       ssoconfig -showDB',
  '       ssoconfig -setDB <SQL Server> <SSO database>',
  '       ssoconfig -setSSL <yes/no>',
];

function usage(ctx: ToolContext): ToolOutcome {
  for (const line of USAGE) ctx.out.line(line);
  return done(1);
}

/**
 * The names come from this server's registry, where configuration (or -setDB) put them (Single Sign-On:
 * Event 10511, "The SQL Server and SSO database names were not found in the registry"): shown with ENTSSO
 * stopped too, e.g. on a DR server whose SQL Server is gone.
 */
function showDb(ctx: ToolContext): ToolOutcome {
  const failure = checkElevated(ctx);
  if (failure) return failure;
  const { sqlServer, ssoDb } = ssoDatabaseOf(ctx.meta, ctx.host);
  ctx.out.line(`SQL Server : ${sqlServer}`);
  ctx.out.line(`SSO database : ${ssoDb}`);
  return done(0);
}

/**
 * ssoconfig -setDB: the SQL Server and SSO database names in this server's registry (Single Sign-On:
 * Event 10511, "Use the -setDB option to set the required SQL Server and SSO database names"). It writes
 * the registry only: ENTSSO reads it at its next start.
 */
function setDb(ctx: ToolContext, sqlServer: string, ssoDb: string): ToolOutcome {
  const failure = checkElevated(ctx);
  if (failure) return failure;
  ctx.host.entsso!.sqlServer = sqlServer;
  ctx.host.entsso!.ssoDb = ssoDb;
  ctx.out.line('The operation completed successfully.');
  return done(0);
}

/**
 * ssoconfig -setSSL <yes/no>: SSL from this SSO server to SSODB (How to Enable SSL for SSO); ENTSSO logs
 * 10501 or 10611 accordingly at its next start.
 */
function setSsl(ctx: ToolContext, value: string | undefined): ToolOutcome {
  const yes = /^(yes|on)$/i.test(value ?? '');
  if (!yes && !/^(no|off)$/i.test(value ?? '')) return usage(ctx);
  const failure = checkElevated(ctx) ?? checkLocalService(ctx);
  if (failure) return failure;
  ctx.host.entsso!.ssl = yes;
  ctx.out.line('The operation completed successfully.');
  return done(0);
}

/** ssoconfig: master secret backup / restore / generate on the SSO service of this computer. */
export function ssoconfigTool(ctx: ToolContext): ToolOutcome {
  const [flag, file, extra] = ctx.args;
  const name = switchName(flag);
  if (name === 'showdb') return showDb(ctx);
  if (name === 'setssl' && extra === undefined) return setSsl(ctx, file);
  if (name === 'setdb') return file && extra && ctx.args.length === 3 ? setDb(ctx, file, extra) : usage(ctx);
  if (!file || extra !== undefined) return usage(ctx);
  if (name === 'backupsecret') return backupSecret(ctx, file);
  if (name === 'restoresecret') return restoreSecret(ctx, file);
  if (name === 'generatesecret') return generateSecret(ctx, file);
  return usage(ctx);
}
