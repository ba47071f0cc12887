import { logEvent } from '../event-log.js';
import { entssoEvents } from '../event-messages.js';
import type { LabServer } from '../lab-types.js';
import { encryptWithSecret } from '../master-secret.js';
import { decryptOnServer, encryptionSecret } from '../secret-access.js';
import { listApps as listSsoApps, listFields, saveMapping, type SsoApp } from '../sso-db.js';
import { adminTarget } from './ssomanage-db.js';
import { ssoError } from './sso-checks.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

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

/** ssomanage -displayapp: shows the app and its configuration, which must decrypt on the SSO server used. */
export function displayApp(ctx: ToolContext, name: string): ToolOutcome {
  const connected = adminTarget(ctx);
  if ('outcome' in connected) return connected.outcome;
  const app = findApp(ctx, name);
  if (!app) return ssoError(ctx, 10756);
  const fields = listFields(ctx.db, app.name);
  const values = fields.map((field) => (field.msid === '' ? '' : decryptOnServer(connected.target, field)));
  if (values.some((value) => value === undefined)) return noSecret(ctx, connected.target);
  const lines = [
    `Application name : ${app.name}`,
    `Description : ${app.description}`,
    `Contact info : ${app.contact}`,
    `Application type : ${app.configStore ? 'Config Store' : app.appType}`,
    `Enabled : ${app.enabled ? 'Yes' : 'No'}`,
    `Application users account : ${app.userAccount}`,
    `Application admin account : ${app.adminAccount}`,
    'Fields :',
    ...fields.map(
      (f, i) =>
        `  (${f.ordinal}) ${f.label}${f.msid === '' ? '' : ` : ${f.masked ? '********' : values[i]}`}`,
    ),
  ];
  for (const line of lines) ctx.out.line(line);
  return done(0);
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
