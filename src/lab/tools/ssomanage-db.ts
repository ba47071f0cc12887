import { randomUUID } from 'node:crypto';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { OLD_MSS_RETURN_DELAY_MS } from '../advance-lab.js';
import { readHostFile, resolveWinPath } from '../store/lab-fs.js';
import { answersAs } from '../cluster/lab-cluster.js';
import { writeMeta } from '../store/lab-meta.js';
import type { LabServer } from '../lab-types.js';
import { sameHost } from '../store/server-store.js';
import { addSsoHistory, readSsoGlobal, type SsoGlobal, writeSsoGlobal } from '../ssodb/sso-db.js';
import { parseXml } from './xml-lite.js';
import { fileNotFound } from './ssoconfig-restore.js';
import {
  checkElevated,
  checkSql,
  checkSsoAdmin,
  clientOf,
  connectSsoServer,
  ssoError,
} from './sso-checks.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

const yesNo = (value: string) => (value === '1' || value.toLowerCase() === 'yes' ? 'Yes' : 'No');

/** The SSO server the tool talks to, after elevation, RPC, SSO admin and SQL checks. */
export function adminTarget(ctx: ToolContext): { target: LabServer } | { outcome: ToolOutcome } {
  const elevated = checkElevated(ctx);
  if (elevated) return { outcome: elevated };
  const connected = connectSsoServer(ctx);
  if ('outcome' in connected) return connected;
  const failure = checkSsoAdmin(ctx, connected.target) ?? checkSql(ctx, connected.target);
  return failure ? { outcome: failure } : connected;
}

/**
 * ssomanage -showdb: "the SSO database the SSO Server is connected to" (How to Display the SSO Database
 * Information) — this server's own registry setting, so no SSO administrator is needed.
 */
export function showDb(ctx: ToolContext): ToolOutcome {
  const failure = checkElevated(ctx);
  if (failure) return failure;
  const g = readSsoGlobal(ctx.db);
  ctx.out.line(`SQL Server : ${g.sqlServer}`);
  ctx.out.line(`SSO database : ${g.dbName}`);
  return done(0);
}

/** ssomanage -displaydb: the label lines of reference §3.4. */
export function displayDb(ctx: ToolContext): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const g = readSsoGlobal(ctx.db);
  const lines = [
    `SQL Server : ${g.sqlServer}`,
    `SSO database : ${g.dbName}`,
    `SSO secret server name : ${g.secretServer}`,
    `SSO Admin account : ${g.ssoAdminAccount}`,
    `SSO Affiliate Admin account : ${g.ssoAffiliateAdminAccount}`,
    `Size of audit table for deleted applications : ${g.auditDeletedApps}`,
    `Size of audit table for deleted mappings : ${g.auditDeletedMappings}`,
    `Size of audit table for external credential lookups : ${g.auditCredentialLookups}`,
    `Ticket timeout (in minutes) : ${g.ticketTimeout}`,
    `Credential cache timeout (in minutes) : ${g.credCacheTimeout}`,
    '',
    'Global flags -',
    `  SSO enabled : ${yesNo(g.ssoEnabled)}`,
    `  Tickets allowed : ${yesNo(g.ticketsAllowed)}`,
    '  Allow host initiated SSO : No',
    '',
    'Password Sync -',
    '  Allow password sync from Windows : No',
    '  Allow password sync to Windows : No',
    '  Allow PCNS/MIIS password changes : No',
  ];
  for (const line of lines) ctx.out.line(line);
  return done(0);
}

const GLOBAL_ELEMENTS = [
  'ssoAdminAccount',
  'ssoAffiliateAdminAccount',
  'secretServer',
  'auditDeletedApps',
  'auditDeletedMappings',
  'auditCredentialLookups',
  'ticketTimeout',
  'credCacheTimeout',
] as const;
type GlobalElement = (typeof GLOBAL_ELEMENTS)[number];

type UpdateValues = Partial<Record<GlobalElement, string>>;

function readUpdateXml(ctx: ToolContext, path: string): { values: UpdateValues } | { outcome: ToolOutcome } {
  const file = readHostFile(ctx.db, ctx.host.name, path);
  if (!file) return { outcome: fileNotFound(ctx) };
  const parsed = parseXml(file.content.toString('utf8'));
  const invalid = (why: string) => {
    ctx.out.line(`ERROR: 0x80004005 : The XML file '${path}' is not valid: ${why}.`);
    return { outcome: done(1) };
  };
  if (!parsed.ok) return invalid(parsed.error);
  const info = parsed.root.children;
  if (parsed.root.name !== 'sso' || info.length !== 1 || info[0]!.name !== 'globalInfo') {
    return invalid('expected <sso><globalInfo>...</globalInfo></sso>');
  }
  const values: UpdateValues = {};
  for (const child of info[0]!.children) {
    if (!(GLOBAL_ELEMENTS as readonly string[]).includes(child.name))
      return invalid(`unknown element <${child.name}>`);
    values[child.name as GlobalElement] = child.text.trim();
  }
  if (values.secretServer === '') return invalid('<secretServer> is empty');
  return { values };
}

/** ssomanage -updatedb: away from the MSS only <secretServer> may change (reference §1.3 F2); 10575 records it. */
export function updateDb(ctx: ToolContext, file: string): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const read = readUpdateXml(ctx, resolveWinPath(file));
  if ('outcome' in read) return read.outcome;
  const values = read.values;
  const global = readSsoGlobal(ctx.db);
  const onMss = answersAs(ctx.db, global.secretServer, connected.target);
  const others = Object.keys(values).filter((k) => k !== 'secretServer');
  if (!onMss && others.length > 0) return ssoError(ctx, 10766);
  const accounts = others.some((k) => k === 'ssoAdminAccount' || k === 'ssoAffiliateAdminAccount');
  if (accounts && global.ssoEnabled === '1') return ssoError(ctx, 10773);
  writeSsoGlobal(ctx.db, values as Partial<SsoGlobal>);
  if (values.secretServer !== undefined)
    recordSecretServerChange(ctx, connected.target, global.secretServer, values.secretServer);
  ctx.out.line('The operation completed successfully.');
  return done(0);
}

function recordSecretServerChange(ctx: ToolContext, target: LabServer, old: string, next: string): void {
  const tracking = `{${randomUUID().toUpperCase()}}`;
  logEvent(
    ctx.db,
    target.name,
    ctx.now,
    entssoEvents.changedSecretServer(next, old, tracking, clientOf(ctx)),
  );
  addSsoHistory(ctx.db, ctx.now, 'secretServer', `${old} -> ${next} (tracking ${tracking})`);
  const away = sameHost(old, ctx.meta.originalMss) && !sameHost(next, ctx.meta.originalMss);
  if (away && ctx.meta.faults.includes('old-mss-returns') && ctx.meta.oldMssReturnAt === undefined) {
    writeMeta(ctx.db, { oldMssReturnAt: ctx.now + OLD_MSS_RETURN_DELAY_MS });
  }
}
