import { readSsoGlobal } from '../ssodb/sso-db.js';
import {
  listRegValues,
  listSubkeys,
  normalizeRegPath,
  regKeyExists,
  type RegValue,
} from '../store/registry-store.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

export function hostnameTool(ctx: ToolContext): ToolOutcome {
  ctx.out.line(ctx.host.name);
  return done(0);
}

type Group = [name: string, type: string, sid: string, attributes: string];

function groupsOf(ctx: ToolContext): Group[] {
  const rights = ctx.host.operator;
  const enabled = 'Mandatory group, Enabled by default, Enabled group';
  const groups: Group[] = [['Everyone', 'Well-known group', 'S-1-1-0', enabled]];
  if (rights.localAdmin) {
    // a filtered (non-elevated) token keeps Administrators for deny only
    groups.push([
      'BUILTIN\\Administrators',
      'Alias',
      'S-1-5-32-544',
      rights.elevated ? `${enabled}, Group owner` : 'Group used for deny only',
    ]);
  }
  groups.push(['BUILTIN\\Users', 'Alias', 'S-1-5-32-545', enabled]);
  if (rights.ssoAdmin)
    groups.push([
      readSsoGlobal(ctx.db).ssoAdminAccount,
      'Group',
      'S-1-5-21-1004336348-1177238915-682003330-1112',
      enabled,
    ]);
  groups.push([
    `${ctx.meta.domain}\\BizTalk Server Administrators`,
    'Group',
    'S-1-5-21-1004336348-1177238915-682003330-1115',
    enabled,
  ]);
  const level = rights.elevated
    ? ['High Mandatory Level', 'S-1-16-12288']
    : ['Medium Mandatory Level', 'S-1-16-8192'];
  groups.push([`Mandatory Label\\${level[0]}`, 'Label', level[1]!, '']);
  return groups;
}

/** whoami [/groups]: elevation shows as the mandatory label (High vs Medium). */
export function whoamiTool(ctx: ToolContext): ToolOutcome {
  if (ctx.args[0]?.toLowerCase() !== '/groups') {
    ctx.out.line(ctx.meta.operatorUser.toLowerCase());
    return done(0);
  }
  const groups = groupsOf(ctx);
  const width = [38, 16, 45];
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(width[i]!) : c))
      .join(' ')
      .trimEnd();
  for (const line of ['', 'GROUP INFORMATION', '-----------------', '']) ctx.out.line(line);
  ctx.out.line(row(['Group Name', 'Type', 'SID', 'Attributes']));
  ctx.out.line(row(width.map((w) => '='.repeat(w)).concat('='.repeat(50))));
  for (const group of groups) ctx.out.line(row(group));
  return done(0);
}

const displayKey = (path: string) => path.replace(/^HKLM(?=\\|$)/i, 'HKEY_LOCAL_MACHINE');

function formatValue(value: RegValue): string {
  const data =
    value.type === 'REG_DWORD'
      ? `0x${Number(value.data).toString(16)}`
      : value.type === 'REG_BINARY'
        ? Buffer.from(value.data).toString('hex').toUpperCase()
        : value.data;
  return `    ${value.name}    ${value.type}    ${data}`;
}

function printKey(ctx: ToolContext, path: string, recursive: boolean): void {
  ctx.out.line(displayKey(path));
  for (const value of listRegValues(ctx.db, ctx.host.name, path)) ctx.out.line(formatValue(value));
  ctx.out.line();
  for (const sub of listSubkeys(ctx.db, ctx.host.name, path)) {
    if (recursive) printKey(ctx, sub, true);
    else ctx.out.line(displayKey(sub));
  }
}

/** reg query <key> [/s]: the real layout; a missing key is `ERROR: The system was unable to find ...` and exit 1. */
export function regTool(ctx: ToolContext): ToolOutcome {
  const [verb, key, ...flags] = ctx.args;
  if (verb?.toLowerCase() !== 'query' || !key) {
    ctx.out.errLine('ERROR: Invalid syntax.');
    ctx.out.errLine('Type "REG QUERY /?" for usage.');
    return done(1);
  }
  const path = normalizeRegPath(key.replace(/^"(.*)"$/, '$1'));
  if (!regKeyExists(ctx.db, ctx.host.name, path)) {
    ctx.out.errLine('ERROR: The system was unable to find the specified registry key or value.');
    return done(1);
  }
  ctx.out.line();
  printKey(
    ctx,
    path,
    flags.some((f) => f.toLowerCase() === '/s'),
  );
  return done(0);
}
