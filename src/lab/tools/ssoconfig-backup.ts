import { createBackupFile, createPasswordVerifier, openBackupFile } from '../secrets/backup-file.js';
import { recordBackup } from '../secrets/backup-records.js';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { resolveWinPath, writeHostFile } from '../store/lab-fs.js';
import type { MasterSecret } from '../lab-types.js';
import { sha256Hex } from '../secrets/master-secret.js';
import { readSsoGlobal } from '../ssodb/sso-db.js';
import { reencryptSsoDb } from '../ssodb/reencrypt-ssodb.js';
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

type NewPassword = { password: string; reminder: string } | { outcome: ToolOutcome };

/** The three prompts of -backupSecret / -generateSecret and their documented limits (10836, 10839, 10840). */
function askNewPassword(ctx: ToolContext): NewPassword {
  const noConsole = checkConsole(ctx);
  if (noConsole) return { outcome: noConsole };
  const password = ctx.ask('Password : ', true);
  const confirm = ctx.ask('Confirm Password : ', true);
  const reminder = ctx.ask('Password reminder : ', false);
  if (password !== confirm) {
    ctx.out.line('ERROR: The passwords do not match.');
    return { outcome: done(1) };
  }
  if (password.length < 7) return { outcome: ssoError(ctx, 10836) };
  if (password.length > 256) return { outcome: ssoError(ctx, 10839) };
  if (reminder.length > 512) return { outcome: ssoError(ctx, 10840) };
  return { password, reminder };
}

function writeBackup(
  ctx: ToolContext,
  path: string,
  secrets: { current: MasterSecret; previous?: MasterSecret },
  answer: { password: string; reminder: string },
): void {
  const content = {
    systemId: readSsoGlobal(ctx.db).systemId,
    current: secrets.current,
    previous: secrets.previous,
  };
  const file = createBackupFile(content, answer.password, answer.reminder);
  writeHostFile(ctx.db, ctx.host.name, path, file, ctx.now);
  // the password is checked here, while we have it, and only a scrypt verifier is kept
  const opened = openBackupFile(file, answer.password).ok;
  const verifier = createPasswordVerifier(answer.password);
  recordBackup(ctx.db, {
    host: ctx.host.name,
    path,
    time: ctx.now,
    msid: secrets.current.msid,
    sha256: sha256Hex(file),
    verifier,
    opened,
  });
  const previous = secrets.previous?.msid ?? '';
  logEvent(
    ctx.db,
    ctx.host.name,
    ctx.now,
    entssoEvents.backedUp(path, secrets.current.msid, previous, clientOf(ctx)),
  );
}

function checkSecretOps(ctx: ToolContext): ToolOutcome | undefined {
  return checkElevated(ctx) ?? checkLocalService(ctx) ?? checkSsoAdmin(ctx, ctx.host) ?? checkMss(ctx);
}

/** ssoconfig -backupSecret: MSS only; event 10559. */
export function backupSecret(ctx: ToolContext, file: string): ToolOutcome {
  const failure = checkSecretOps(ctx);
  if (failure) return failure;
  const cache = ctx.host.entsso?.cache;
  if (!cache) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.noSecret());
    return ssoError(ctx, 10783);
  }
  const answer = askNewPassword(ctx);
  if ('outcome' in answer) return answer.outcome;
  writeBackup(ctx, resolveWinPath(file), cache, answer);
  ctx.out.line('The operation completed successfully.');
  return done(0);
}

/** ssoconfig -generateSecret: a new MSID; every value is re-encrypted; never part of a recovery. */
export function generateSecret(ctx: ToolContext, file: string): ToolOutcome {
  const failure = checkSecretOps(ctx);
  if (failure) return failure;
  const answer = askNewPassword(ctx);
  if ('outcome' in answer) return answer.outcome;
  const result = reencryptSsoDb(ctx.db, ctx.host, ctx.now, clientOf(ctx));
  if (!result) {
    logEvent(ctx.db, ctx.host.name, ctx.now, entssoEvents.noSecret());
    return ssoError(ctx, 10783);
  }
  writeBackup(ctx, resolveWinPath(file), result, answer);
  ctx.out.line('The operation completed successfully.');
  return done(0);
}
