import { readHostFile, writeHostFile } from '../store/lab-fs.js';
import { findServer } from '../store/server-store.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const RULE = '-'.repeat(79);

/** `\\HOST\C$\dir` is dir on HOST's C: drive (the admin share); anything else is on this host. */
function locate(ctx: ToolContext, dir: string): { host: string; dir: string } {
  const unc = /^\\\\([^\\]+)\\([A-Za-z])\$(\\.*)?$/.exec(dir);
  if (!unc) return { host: ctx.host.name, dir };
  return { host: unc[1]!, dir: `${unc[2]!.toUpperCase()}:${unc[3] ?? '\\'}` };
}

function header(ctx: ToolContext, source: string, dest: string, files: string[], options: string[]): void {
  for (const line of [
    '',
    RULE,
    '   ROBOCOPY     ::     Robust File Copy for Windows',
    RULE,
    '',
    `  Started : ${new Date(ctx.now).toUTCString()}`,
    `   Source : ${source.replace(/\\?$/, '\\')}`,
    `     Dest : ${dest.replace(/\\?$/, '\\')}`,
    '',
    `    Files : ${files.join(' ')}`,
    '',
    `  Options : ${['/DCOPY:DA', '/COPY:DAT', ...options, '/R:1000000', '/W:30'].join(' ')}`,
    '',
    RULE,
    '',
  ]) {
    ctx.out.line(line);
  }
}

/**
 * robocopy <source dir> <dest dir> <file>... [/options]: how a backup file is carried from one server
 * to another (the admin share C$ of the source). Exit code 1 means files were copied; 16 is fatal.
 */
export function robocopyTool(ctx: ToolContext): ToolOutcome {
  const [source, dest, ...rest] = ctx.args;
  const files = rest.filter((a) => !a.startsWith('/'));
  if (!source || !dest || files.length === 0) {
    ctx.out.line('ERROR : Invalid Parameter #1 : usage robocopy <source> <destination> <file> [options]');
    return done(16);
  }
  header(
    ctx,
    source,
    dest,
    files,
    rest.filter((a) => a.startsWith('/')).map((a) => a.toUpperCase()),
  );
  const from = locate(ctx, source);
  const origin = findServer(ctx.db, from.host);
  if (!origin?.reachable || !ctx.host.operator.elevated) {
    const why = origin?.reachable ? 'Access is denied.' : 'The network path was not found.';
    const code = origin?.reachable ? '5 (0x00000005)' : '53 (0x00000035)';
    ctx.out.line(`ERROR ${code} Accessing Source Directory ${source.replace(/\\?$/, '\\')}`);
    ctx.out.line(why);
    return done(16);
  }
  let copied = 0;
  for (const name of files) {
    const file = readHostFile(ctx.db, origin.name, `${from.dir}\\${name}`);
    if (!file) continue;
    // robocopy keeps the file's timestamps (/COPY:DAT)
    writeHostFile(ctx.db, ctx.host.name, `${locate(ctx, dest).dir}\\${name}`, file.content, file.mtime);
    ctx.out.line(`\t    New File  \t\t${String(file.content.length).padStart(8)}\t${name}`);
    copied += 1;
  }
  ctx.out.line(`100%`);
  ctx.out.line();
  ctx.out.line(RULE);
  ctx.out.line();
  ctx.out.line('               Total    Copied   Skipped  Mismatch    FAILED    Extras');
  ctx.out.line(`   Files : ${[copied, copied, 0, 0, 0, 0].map((n) => String(n).padStart(9)).join(' ')}`);
  return done(copied > 0 ? 1 : 0);
}
