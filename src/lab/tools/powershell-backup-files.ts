import { readBackupHeader } from '../secrets/backup-file.js';
import { deleteHostFile, listFolderFiles, readHostFile } from '../store/lab-fs.js';
import { writePsError } from './powershell-errors.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** `Get-Content -LiteralPath '<file>'`: how readiness reads the backup record in the off-box folder. */
const READ_FILE = /^Get-Content -LiteralPath '((?:[^']|'')*)'$/;

/**
 * schedule-master-secret-backup's pruning: the newest N backups of the off-box folder are kept, older
 * ones removed one by one (each named), then the count left is printed for the post-check.
 */
const PRUNE =
  /^Get-ChildItem -Path '((?:[^']|'')*)' -Filter '\*\.bak' \| Sort-Object LastWriteTime -Descending \| Select-Object -Skip '?(\d+)'? \| ForEach-Object \{ Remove-Item -LiteralPath \$_\.FullName; 'Removed ' \+ \$_\.Name \}; 'Backups kept : ' \+ @\(Get-ChildItem -Path '((?:[^']|'')*)' -Filter '\*\.bak'\)\.Count$/;

const unquote = (text: string) => text.replace(/''/g, "'");

/** The backup-file scripts the lab answers, or undefined when the script is none of them. */
export function runBackupFileScript(ctx: ToolContext, script: string): ToolOutcome | undefined {
  const read = READ_FILE.exec(script);
  if (read) return readFile(ctx, script, unquote(read[1]!));
  const prune = PRUNE.exec(script);
  if (prune && unquote(prune[1]!) === unquote(prune[3]!))
    return pruneBackups(ctx, unquote(prune[1]!), Number(prune[2]));
  return undefined;
}

function readFile(ctx: ToolContext, script: string, path: string): ToolOutcome {
  const file = readHostFile(ctx.db, ctx.host.name, path);
  if (!file)
    return writePsError(
      ctx,
      script,
      script,
      `Cannot find path '${path}' because it does not exist.`,
      'ObjectNotFound',
      'Get-Content',
    );
  // a real .bak is encrypted binary: the lab's clear-text header (MSID, system id) is for its grading only
  if (readBackupHeader(file.content))
    return writePsError(
      ctx,
      script,
      script,
      `The lab does not show the content of ${path}: a master secret backup is encrypted, and Microsoft documents no way to read which secret it holds without its password (ISSOConfigSS.GetFilePasswordReminder reads its reminder).`,
      'InvalidOperation',
      'Get-Content',
    );
  for (const line of file.content
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l, i, all) => l || i < all.length - 1))
    ctx.out.line(line);
  return done(0);
}

function pruneBackups(ctx: ToolContext, folder: string, keep: number): ToolOutcome {
  const files = listFolderFiles(ctx.db, ctx.host.name, folder, '.bak')
    .map((path) => readHostFile(ctx.db, ctx.host.name, path)!)
    .sort((a, b) => b.mtime - a.mtime);
  for (const file of files.slice(keep)) {
    deleteHostFile(ctx.db, ctx.host.name, file.path);
    ctx.out.line(`Removed ${file.path.slice(file.path.lastIndexOf('\\') + 1)}`);
  }
  ctx.out.line(`Backups kept : ${Math.min(files.length, keep)}`);
  return done(0);
}
