import type { LabDb } from '../store/lab-db.js';

/** SSODB global info (the ssodb_global table). */
export type SsoGlobal = {
  secretServer: string;
  ssoAdminAccount: string;
  ssoAffiliateAdminAccount: string;
  auditDeletedApps: string;
  auditDeletedMappings: string;
  auditCredentialLookups: string;
  ticketTimeout: string;
  credCacheTimeout: string;
  ssoEnabled: string;
  ticketsAllowed: string;
  /** which secret the data is encrypted under; not shown by -displaydb */
  currentMsid: string;
  systemId: string;
  dbVersion: string;
  sqlServer: string;
  dbName: string;
};

export type SsoApp = {
  name: string;
  description: string;
  contact: string;
  appType: string;
  configStore: boolean;
  enabled: boolean;
  userAccount: string;
  adminAccount: string;
};

export type SsoField = {
  app: string;
  ordinal: number;
  label: string;
  masked: boolean;
  msid: string;
  value: string;
};
export type SsoMapping = { app: string; account: string; msid: string; value: string };

export function readSsoGlobal(db: LabDb): SsoGlobal {
  const rows = db.prepare('SELECT name, value FROM ssodb_global').all() as { name: string; value: string }[];
  return Object.fromEntries(rows.map((row) => [row.name, row.value])) as SsoGlobal;
}

export function writeSsoGlobal(db: LabDb, values: Partial<SsoGlobal>): void {
  const upsert = db.prepare(
    'INSERT INTO ssodb_global (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
  );
  for (const [name, value] of Object.entries(values)) if (value !== undefined) upsert.run(name, value);
}

type AppRow = Omit<SsoApp, 'configStore' | 'enabled' | 'appType' | 'userAccount' | 'adminAccount'> & {
  app_type: string;
  config_store: number;
  enabled: number;
  user_account: string;
  admin_account: string;
};

export function listApps(db: LabDb): SsoApp[] {
  const rows = db.prepare('SELECT * FROM ssodb_apps ORDER BY name').all() as AppRow[];
  return rows.map((row) => ({
    name: row.name,
    description: row.description,
    contact: row.contact,
    appType: row.app_type,
    configStore: row.config_store === 1,
    enabled: row.enabled === 1,
    userAccount: row.user_account,
    adminAccount: row.admin_account,
  }));
}

export function insertApp(db: LabDb, app: SsoApp): void {
  db.prepare(
    'INSERT INTO ssodb_apps (name, description, contact, app_type, config_store, enabled, user_account, admin_account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    app.name,
    app.description,
    app.contact,
    app.appType,
    app.configStore ? 1 : 0,
    app.enabled ? 1 : 0,
    app.userAccount,
    app.adminAccount,
  );
}

export function listFields(db: LabDb, app?: string): SsoField[] {
  const sql = 'SELECT app, ordinal, label, masked, msid, value FROM ssodb_fields';
  const rows = (
    app
      ? db.prepare(`${sql} WHERE app = ? ORDER BY ordinal`).all(app)
      : db.prepare(`${sql} ORDER BY app, ordinal`).all()
  ) as (Omit<SsoField, 'masked'> & { masked: number })[];
  return rows.map((row) => ({ ...row, masked: row.masked === 1 }));
}

export function saveField(db: LabDb, field: SsoField): void {
  db.prepare(
    'INSERT INTO ssodb_fields (app, ordinal, label, masked, msid, value) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(app, ordinal) DO UPDATE SET label = excluded.label, masked = excluded.masked, msid = excluded.msid, value = excluded.value',
  ).run(field.app, field.ordinal, field.label, field.masked ? 1 : 0, field.msid, field.value);
}

export function listMappings(db: LabDb): SsoMapping[] {
  return db
    .prepare('SELECT app, account, msid, value FROM ssodb_mappings ORDER BY app, account')
    .all() as SsoMapping[];
}

export function saveMapping(db: LabDb, mapping: SsoMapping): void {
  db.prepare(
    'INSERT INTO ssodb_mappings (app, account, msid, value) VALUES (?, ?, ?, ?) ON CONFLICT(app, account) DO UPDATE SET msid = excluded.msid, value = excluded.value',
  ).run(mapping.app, mapping.account, mapping.msid, mapping.value);
}

export function addSsoHistory(db: LabDb, time: number, change: string, detail: string): void {
  db.prepare('INSERT INTO ssodb_history (time, change, detail) VALUES (?, ?, ?)').run(time, change, detail);
}
