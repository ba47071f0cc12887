import type { LabDb } from '../store/lab-db.js';
import type { MasterSecret } from '../lab-types.js';
import { encryptWithSecret } from '../secrets/master-secret.js';
import { insertApp, saveField, saveMapping } from './sso-db.js';

type SeedApp = {
  name: string;
  description: string;
  appType: string;
  configStore: boolean;
  /** label, masked, value ('' for affiliate apps: their values live in mappings) */
  fields: [string, boolean, string][];
  mappings?: [account: string, values: string[]][];
};

// A handful of BizTalk config-store apps (adapter handlers) and two affiliate apps with credentials.
const SEED_APPS: SeedApp[] = [
  {
    name: 'BizTalk_Config_Store_FILE_ReceiveHandler',
    description: 'FILE adapter receive handler (BizTalkServerApplication)',
    appType: 'Config Store',
    configStore: true,
    fields: [
      ['ReceiveFolder', false, 'D:\\Inbound\\Orders'],
      ['FileMask', false, '*.xml'],
      ['PollingInterval', false, '60000'],
    ],
  },
  {
    name: 'BizTalk_Config_Store_SFTP_SendHandler',
    description: 'SFTP adapter send handler (BizTalkServerApplication)',
    appType: 'Config Store',
    configStore: true,
    fields: [
      ['ServerAddress', false, 'sftp.partner.example'],
      ['UserName', false, 'contoso-edi'],
      ['Password', true, 'Edi-Partner-2024!'],
    ],
  },
  {
    name: 'BizTalk_Config_Store_WCF-SQL_SendHandler',
    description: 'WCF-SQL adapter send handler (BizTalkServerApplication)',
    appType: 'Config Store',
    configStore: true,
    fields: [
      ['Uri', false, 'mssql://SQL01//ERP?'],
      ['UserName', false, 'CONTOSO\\svc-erp-bts'],
      ['Password', true, 'Erp-Integration#77'],
    ],
  },
  {
    name: 'BizTalk_Config_Store_SMTP_SendHandler',
    description: 'SMTP adapter send handler (BizTalkServerApplication)',
    appType: 'Config Store',
    configStore: true,
    fields: [
      ['SMTPHost', false, 'smtp.contoso.local'],
      ['From', false, 'biztalk@contoso.com'],
      ['Password', true, 'Smtp-Relay-55'],
    ],
  },
  {
    name: 'SAP_Orders',
    description: 'SAP order entry (individual application)',
    appType: 'Individual',
    configStore: false,
    fields: [
      ['User ID', false, ''],
      ['Password', true, ''],
    ],
    mappings: [['CONTOSO\\svc-orders', ['SAPORD01', 'Sap-Orders-9!']]],
  },
  {
    name: 'Mainframe_CICS',
    description: 'CICS transactions (group application)',
    appType: 'Group',
    configStore: false,
    fields: [
      ['User ID', false, ''],
      ['Password', true, ''],
    ],
    mappings: [['CONTOSO\\BizTalk Application Users', ['CICSBTS', 'Cics-Gate-31']]],
  },
];

/** The mapping of the lab's write-test account in its smoke-test application (LAB_WRITE_TEST_APP). */
export function seedSmokeTestMapping(db: LabDb, secret: MasterSecret, domain: string): void {
  const value = encryptWithSecret(secret, JSON.stringify(['SMOKE', 'Smoke-Test-1!']));
  saveMapping(db, { app: 'SAP_Orders', account: `${domain}\\svc-drill`, msid: secret.msid, value });
}

/** Fills the SSODB application tables, every value really encrypted under the master secret. */
export function seedSsoApps(db: LabDb, secret: MasterSecret, domain: string): void {
  for (const app of SEED_APPS) {
    insertApp(db, {
      name: app.name,
      description: app.description,
      contact: `biztalk-admins@${domain.toLowerCase()}.com`,
      appType: app.appType,
      configStore: app.configStore,
      enabled: true,
      userAccount: `${domain}\\BizTalk Application Users`,
      adminAccount: `${domain}\\BizTalk Server Administrators`,
    });
    app.fields.forEach(([label, masked, value], ordinal) => {
      const encrypted = app.configStore
        ? { msid: secret.msid, value: encryptWithSecret(secret, value) }
        : { msid: '', value: '' };
      saveField(db, { app: app.name, ordinal, label, masked, ...encrypted });
    });
    for (const [account, values] of app.mappings ?? []) {
      saveMapping(db, {
        app: app.name,
        account,
        msid: secret.msid,
        value: encryptWithSecret(secret, JSON.stringify(values)),
      });
    }
  }
}
