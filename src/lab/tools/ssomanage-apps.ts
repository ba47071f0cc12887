import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import type { LabServer } from '../lab-types.js';
import { encryptWithSecret } from '../secrets/master-secret.js';
import { decryptOnServer, encryptionSecret } from '../secrets/secret-access.js';
import {
  listApps as listSsoApps,
  listFields,
  listMappings,
  saveMapping,
  type SsoApp,
} from '../ssodb/sso-db.js';
import { adminTarget } from './ssomanage-db.js';
import { ssoError } from './sso-checks.js';
import { createToolOutput, done, type ToolContext, type ToolOutcome } from './tool-context.js';

function noSecret(ctx: ToolContext, target: LabServer): ToolOutcome {
  logEvent(ctx.db, target.name, ctx.now, entssoEvents.noSecret());
  return ssoError(ctx, 10783);
}

function findApp(ctx: ToolContext, name: string): SsoApp | undefined {
  return listSsoApps(ctx.db).find((app) => app.name.toLowerCase() === name.toLowerCase());
}

/** ssomanage -listapps [all]: `all` adds the BizTalk config-store applications. Reads SSODB only. */
export function listApps(ctx: ToolContext, all: boolean): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const apps = listSsoApps(ctx.db).filter((app) => all || !app.configStore);
  ctx.out.line('Existing applications :');
  for (const app of apps)
    ctx.out.line(`  (${app.configStore ? 'C' : app.appType.charAt(0)}) ${app.name} : ${app.description}`);
  return done(0);
}

/**
 * ssomanage -displayapp: the application's properties. "The SSO system obtains this information from the
 * xml file that you used to update the affiliate application" (How to List the Properties of an Affiliate
 * Application): no value is decrypted, so it prints the same with or without the secret.
 */
export function displayApp(ctx: ToolContext, name: string): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const app = findApp(ctx, name);
  if (!app) return ssoError(ctx, 10756);
  const fields = listFields(ctx.db, app.name);
  const lines = [
    `Application name : ${app.name}`,
    `Description : ${app.description}`,
    `Contact info : ${app.contact}`,
    `Application type : ${app.configStore ? 'Config Store' : app.appType}`,
    `Enabled : ${app.enabled ? 'Yes' : 'No'}`,
    `Application users account : ${app.userAccount}`,
    `Application admin account : ${app.adminAccount}`,
    'Fields :',
    ...fields.map((f) => `  (${f.ordinal}) ${f.label}${f.masked ? ' (masked)' : ''}`),
  ];
  for (const line of lines) ctx.out.line(line);
  return done(0);
}

/**
 * ssomanage -listmappings <app> | <domain\user> | <domain\user> <app>: enabled mappings as "(E) domain\user"
 * (How to List User Mappings). Names only: nothing is decrypted.
 */
export function listUserMappings(ctx: ToolContext, first: string, second?: string): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const byAccount = first.includes('\\');
  const appName = byAccount ? second : first;
  const app = appName === undefined ? undefined : findApp(ctx, appName);
  if (appName !== undefined && !app) return ssoError(ctx, 10756);
  const mappings = listMappings(ctx.db).filter(
    (m) => (!app || m.app === app.name) && (!byAccount || m.account.toLowerCase() === first.toLowerCase()),
  );
  for (const m of mappings) ctx.out.line(byAccount ? `(E) ${m.account} : ${m.app}` : `(E) ${m.account}`);
  if (mappings.length === 0) ctx.out.line('No mappings were found.');
  return done(0);
}

/**
 * ISSOConfigStore.GetConfigInfo: "gets the configuration information from the config store" — the values
 * BizTalk keeps encrypted in SSODB, decrypted by the SSO server used. The lab's only decrypting read.
 */
export function readConfigInfo(ctx: ToolContext, name: string): { count: number } | { id: number } {
  const connected = adminTarget({ ...ctx, out: createToolOutput() });
  if ('outcome' in connected) return { id: 10772 };
  const app = findApp(ctx, name);
  if (!app?.configStore) return { id: 10756 };
  const fields = listFields(ctx.db, app.name).filter((f) => f.msid !== '');
  const values = fields.map((field) => decryptOnServer(connected.target, field));
  if (values.some((value) => value === undefined)) {
    logEvent(ctx.db, connected.target.name, ctx.now, entssoEvents.noSecret());
    return { id: 10783 };
  }
  return { count: values.length };
}

/**
 * ssomanage -setcredentials <domain\user> <app>: the lab's write (encryption) test. It prompts for each
 * field and encrypts with the current secret, which needs the live MSS (reference §4.4, §8 step 7).
 */
export function setCredentials(ctx: ToolContext, account: string, name: string): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  if (!/^[^\\]+\\[^\\]+$/.test(account))
    return ssoError(ctx, 10777, `The account '${account}' is not a valid domain account (use domain\\user).`);
  const app = findApp(ctx, name);
  if (!app) return ssoError(ctx, 10756);
  const secret = encryptionSecret(ctx.db, connected.target, ctx.now);
  if (!secret) return noSecret(ctx, connected.target);
  const credentials = listFields(ctx.db, app.name).map((field) => ctx.ask(`${field.label} : `, field.masked));
  const value = encryptWithSecret(secret, JSON.stringify(credentials));
  saveMapping(ctx.db, { app: app.name, account, msid: secret.msid, value });
  ctx.out.line('The operation completed successfully.');
  return done(0);
}
