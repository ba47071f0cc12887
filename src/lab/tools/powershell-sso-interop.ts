import { readBackupReminder } from '../secrets/backup-file.js';
import { SSO_TOOL_DIR } from '../lab-environment.js';
import { readHostFile, resolveWinPath } from '../store/lab-fs.js';
import { splitStatements } from './powershell-services.js';
import { hresult } from './sso-checks.js';
import { backupSecret } from './ssoconfig-backup.js';
import { readConfigInfo } from './ssomanage-apps.js';
import { ENTSSO_ERROR_TEXTS } from '../services/entsso-error-texts.js';
import { restoreSecret } from './ssoconfig-restore.js';
import { createToolOutput, done, type ToolContext, type ToolOutcome } from './tool-context.js';

/**
 * ISSOConfigSS from PowerShell, the documented programmatic interface for the master secret
 * (ISSOConfigSS.RestoreSecret / BackupSecret / GetFilePasswordReminder). The password comes from the
 * script's stdin ([Console]::In.ReadLine()), so it is never in argv or in the script text. The lab answers
 * the statements the runbooks use, in their order, and nothing else.
 */
const PREFERENCE = "$ErrorActionPreference = 'Stop'";
const ADD_TYPE = /^Add-Type -Path '((?:[^']|'')*)'$/;
const NEW_OBJECT = '$secretServer = New-Object Microsoft.EnterpriseSingleSignOn.Interop.SSOConfigSS';
const QUOTED = "'((?:[^']|'')*)'";
const REMINDER_NULL = '$reminder = $null';
const GET_REMINDER = new RegExp(
  `^\\$secretServer\\.GetFilePasswordReminder\\(${QUOTED}, \\[ref\\]\\$reminder\\)$`,
);
const SHOW_REMINDER = "'Password reminder : ' + $reminder";
const RESTORE = new RegExp(
  `^\\$secretServer\\.RestoreSecret\\(${QUOTED}, \\[Console\\]::In\\.ReadLine\\(\\)\\)$`,
);
const BACKUP = new RegExp(
  `^\\$secretServer\\.BackupSecret\\(${QUOTED}, \\[Console\\]::In\\.ReadLine\\(\\), \\[Console\\]::In\\.ReadLine\\(\\)\\)$`,
);
const DONE = "'The operation completed successfully.'";

/** An IPropertyBag for GetConfigInfo to fill (the interop assembly has the interface, not a class). */
export const CONFIG_BAG_TYPE =
  'public class ConfigBag : Microsoft.EnterpriseSingleSignOn.Interop.IPropertyBag { public System.Collections.Hashtable Values = new System.Collections.Hashtable(); public void Read(string propName, out object ptrVar, int errorLog) { ptrVar = Values[propName]; } public void Write(string propName, ref object ptrVar) { Values[propName] = ptrVar; } }';
const ADD_BAG = /^Add-Type -ReferencedAssemblies '((?:[^']|'')*)' -TypeDefinition '((?:[^']|'')*)'$/;
const NEW_BAG = '$bag = New-Object ConfigBag';
// Flags 4 (SSO_FLAG_RUNTIME), as Microsoft's own config-store code passes them (README, Not confirmed).
const GET_CONFIG = new RegExp(
  `^\\(New-Object Microsoft\\.EnterpriseSingleSignOn\\.Interop\\.SSOConfigStore\\)\\.GetConfigInfo\\(${QUOTED}, 'ConfigProperties', 4, \\$bag\\)$`,
);
const COUNT = "'Values read : ' + $bag.Values.Count";

export type InteropCall = { dll: string; kind: 'restore' | 'backup' | 'read-config'; file: string };

const unquote = (text: string) => text.replace(/''/g, "'");

/** The restore or backup script of the runbooks, or undefined for anything else. */
export function parseInteropScript(script: string): InteropCall | undefined {
  const s = splitStatements(script);
  const dll = ADD_TYPE.exec(s[1] ?? '');
  if (s[0] !== PREFERENCE || !dll) return undefined;
  const path = unquote(dll[1]!);
  const bag = ADD_BAG.exec(s[2] ?? '');
  const read = GET_CONFIG.exec(s[4] ?? '');
  if (bag && read && s.length === 6 && s[3] === NEW_BAG && s[5] === COUNT) {
    if (unquote(bag[1]!) !== path || unquote(bag[2]!) !== CONFIG_BAG_TYPE) return undefined;
    return { dll: path, kind: 'read-config', file: unquote(read[1]!) };
  }
  if (s[2] !== NEW_OBJECT) return undefined;
  const reminder = GET_REMINDER.exec(s[4] ?? '');
  const restore = RESTORE.exec(s[6] ?? '');
  const restoring = s.length === 8 && s[3] === REMINDER_NULL && s[5] === SHOW_REMINDER && s[7] === DONE;
  if (restoring && reminder && restore && reminder[1] === restore[1])
    return { dll: path, kind: 'restore', file: unquote(restore[1]!) };
  const backup = BACKUP.exec(s[3] ?? '');
  if (s.length === 5 && backup && s[4] === DONE)
    return { dll: path, kind: 'backup', file: unquote(backup[1]!) };
  return undefined;
}

/** A COM error as PowerShell reports a failed method call: the HRESULT in the message, exit 1. */
function methodError(
  ctx: ToolContext,
  method: string,
  args: number,
  message: string,
  code: string,
): ToolOutcome {
  ctx.out.errLine(
    `Exception calling "${method}" with "${args}" argument(s): "${message} (Exception from HRESULT: ${code})"`,
  );
  ctx.out.errLine('    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException');
  ctx.out.errLine('    + FullyQualifiedErrorId : COMException');
  ctx.out.errLine();
  return done(1);
}

/** Runs ssoconfig's logic behind the COM call; its `ERROR: 0x… : text` becomes the exception. */
function callSecretServer(
  ctx: ToolContext,
  method: string,
  args: number,
  answers: string[],
  run: (inner: ToolContext) => ToolOutcome,
): ToolOutcome | undefined {
  const out = createToolOutput();
  let index = 0;
  const inner: ToolContext = { ...ctx, out, console: true, ask: () => answers[index++] ?? '' };
  const outcome = run(inner);
  if ('waitUntil' in outcome || outcome.exitCode === 0) return undefined;
  const error = /ERROR: (0x[0-9A-Fa-f]{8}) ?: (.*)/.exec(out.stdout);
  return methodError(
    ctx,
    method,
    args,
    error?.[2]?.trim() ?? 'Unspecified error',
    error?.[1] ?? '0x80004005',
  );
}

export function runInteropScript(ctx: ToolContext, call: InteropCall): ToolOutcome {
  const expected = `${SSO_TOOL_DIR}\\Microsoft.EnterpriseSingleSignOn.Interop.dll`;
  if (!ctx.host.entsso || call.dll.toLowerCase() !== expected.toLowerCase()) {
    ctx.out.errLine(
      `Add-Type : Cannot bind parameter 'Path' to the target. Exception setting "Path": "Cannot find path '${call.dll}' because it does not exist."`,
    );
    ctx.out.errLine();
    return done(1);
  }
  if (call.kind === 'read-config') {
    // the application name travels in `file`
    const read = readConfigInfo(ctx, call.file);
    if ('id' in read)
      return methodError(ctx, 'GetConfigInfo', 4, ENTSSO_ERROR_TEXTS[read.id] ?? '', hresult(read.id));
    ctx.out.line(`Values read : ${read.count}`);
    return done(0);
  }
  if (call.kind === 'backup') {
    const password = ctx.readLine();
    const reminder = ctx.readLine();
    const failed = callSecretServer(ctx, 'BackupSecret', 3, [password, password, reminder], (inner) =>
      backupSecret(inner, call.file),
    );
    if (failed) return failed;
  } else {
    const file = readHostFile(ctx.db, ctx.host.name, resolveWinPath(call.file));
    if (!file)
      return methodError(
        ctx,
        'GetFilePasswordReminder',
        2,
        'The system cannot find the file specified.',
        '0x80070002',
      );
    const reminder = readBackupReminder(file.content);
    if (reminder === undefined)
      return methodError(
        ctx,
        'GetFilePasswordReminder',
        2,
        'The backup file does not have the correct format.',
        hresult(10564),
      );
    ctx.out.line(`Password reminder : ${reminder}`);
    const failed = callSecretServer(ctx, 'RestoreSecret', 2, [ctx.readLine()], (inner) =>
      restoreSecret(inner, call.file),
    );
    if (failed) return failed;
  }
  ctx.out.line('The operation completed successfully.');
  return done(0);
}
