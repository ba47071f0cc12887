import { openBackupFile, readBackupReminder } from '../secrets/backup-file.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { listBackupsBy } from '../secrets/backup-records.js';
import { readHostFile, resolveWinPath } from '../store/lab-fs.js';
import { addSsoHistory, readSsoGlobal } from '../ssodb/sso-db.js';
import { writeSsoss } from '../services/ssoss-registry.js';
import {
  checkConsole,
  checkElevated,
  checkLocalService,
  checkMss,
  checkSsoAdmin,
  clientOf,
  ssoError,
} from './sso-checks.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

export function fileNotFound(ctx: ToolContext): ToolOutcome {
  ctx.out.line('ERROR: 0x80070002 : The system cannot find the file specified.');
  return done(1);
}

function badFormat(ctx: ToolContext): ToolOutcome {
  logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.badBackupFormat());
  return ssoError(ctx, 10564);
}

/** ssoconfig -restoreSecret: shows the reminder from the file, asks the password, writes SSOSS. */
export function restoreSecret(ctx: ToolContext, file: string): ToolOutcome {
  const failure =
    checkElevated(ctx) ?? checkLocalService(ctx) ?? checkSsoAdmin(ctx, ctx.host) ?? checkMss(ctx);
  if (failure) return failure;
  const path = resolveWinPath(file);
  const found = readHostFile(ctx.db, ctx.host.name, path);
  if (!found) return fileNotFound(ctx);
  const reminder = readBackupReminder(found.content);
  if (reminder === undefined) return badFormat(ctx);
  ctx.out.line(`Password reminder : ${reminder}`);
  const noConsole = checkConsole(ctx);
  if (noConsole) return noConsole;
  const opened = openBackupFile(found.content, ctx.ask('Password : ', true));
  if (!opened.ok && opened.reason === 'format') return badFormat(ctx);
  if (!opened.ok) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.wrongPassword());
    return ssoError(ctx, 10779);
  }
  const content = opened.content;
  if (content.systemId !== readSsoGlobal(ctx.db).systemId) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.wrongSecret());
    return ssoError(ctx, 10815);
  }
  const entsso = ctx.host.entsso!;
  writeSsoss(ctx.db, ctx.host.name, content, entsso.account);
  entsso.cache = {
    current: content.current,
    previous: content.previous,
    from: ctx.host.name,
    fetchedAt: ctx.now,
  };
  const previous = content.previous?.msid ?? '';
  logEvent(
    ctx.db,
    ctx.host.name,
    ctx.now,
    entssoEvents.restored(path, content.current.msid, previous, clientOf(ctx)),
  );
  if (listBackupsBy(ctx.db, ctx.host.name, content.current.msid).length === 0) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.notBackedUp());
  }
  addSsoHistory(
    ctx.db,
    ctx.now,
    'restoreSecret',
    `${ctx.host.name} restored MSID ${content.current.msid} from ${path}`,
  );
  ctx.out.line('The operation completed successfully.');
  return done(0);
}
