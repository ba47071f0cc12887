import { readSsoGlobal } from '../sso-db.js';
import { backupSecret, generateSecret } from './ssoconfig-backup.js';
import { restoreSecret } from './ssoconfig-restore.js';
import { checkElevated, checkLocalService } from './sso-checks.js';
import { done, switchName, type ToolContext, type ToolOutcome } from './tool-context.js';

const USAGE = [
  'Usage: ssoconfig -backupSecret <backup file>',
  '       ssoconfig -restoreSecret <restore file>',
  '       ssoconfig -generateSecret <backup file>',
  '       ssoconfig -showDB',
];

function usage(ctx: ToolContext): ToolOutcome {
  for (const line of USAGE) ctx.out.line(line);
  return done(1);
}

function showDb(ctx: ToolContext): ToolOutcome {
  const failure = checkElevated(ctx) ?? checkLocalService(ctx);
  if (failure) return failure;
  const global = readSsoGlobal(ctx.db);
  ctx.out.line(`SQL Server : ${global.sqlServer}`);
  ctx.out.line(`SSO database : ${global.dbName}`);
  return done(0);
}

/** ssoconfig: master secret backup / restore / generate on the SSO service of this computer. */
export function ssoconfigTool(ctx: ToolContext): ToolOutcome {
  const [flag, file, extra] = ctx.args;
  const name = switchName(flag);
  if (name === 'showdb') return showDb(ctx);
  if (!file || extra !== undefined) return usage(ctx);
  if (name === 'backupsecret') return backupSecret(ctx, file);
  if (name === 'restoresecret') return restoreSecret(ctx, file);
  if (name === 'generatesecret') return generateSecret(ctx, file);
  return usage(ctx);
}
