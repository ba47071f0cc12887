import type { EventLevel } from './event-log.js';

export type EventSpec = { eventId: number; level: EventLevel; message: string };

const CRLF = '\r\n';
const lines = (...parts: string[]) => parts.join(CRLF);
const ev = (eventId: number, level: EventLevel, message: string): EventSpec => ({ eventId, level, message });
type Client = { user: string; computer: string };

/**
 * ENTSSO Application-log events, by id. Each text is the "Message Text" of Microsoft's page for that id
 * (https://learn.microsoft.com/en-us/biztalk/core/single-sign-on-event-<id>), its %r line breaks as CRLF
 * and its %1… inserts filled in. What a page does not say is the value of an insert (e.g. 10513's %1 and
 * %2): those are the lab's choice and named so in the comment above them.
 */
export const entssoEvents = {
  /** 10501 when the server uses SSL to SSODB (ssoconfig -setSSL yes), else 10611 */
  starting: (computer: string, sql: string, db: string, ssl: boolean) =>
    ev(
      ssl ? 10501 : 10611,
      'Information',
      lines(
        'The SSO service is starting.',
        ` Computer Name: ${computer}`,
        ` SQL Server Name: ${sql}`,
        ` SSO Database Name: ${db}`,
        ssl
          ? ' Using SSL. Protocol encryption enforced for SQL Server connections.'
          : ' Not using SSL. See documentation for details on how to secure the SQL Server connection.',
      ),
    ),
  started: () => ev(10502, 'Information', 'The SSO service has started.'),
  startFailed: (code: string) =>
    ev(10503, 'Error', lines('The SSO service failed to start.', ` Error Code: ${code}`)),
  // the page names no inserts: %1 is the database as server\database, %2 the provider's text (lab's choice)
  dbFirstAccess: (sql: string, db: string) =>
    ev(
      10513,
      'Error',
      lines(
        `Failed to contact the SSO database: ${sql}\\${db}`,
        ' Login timeout expired',
        ' Error code: 0x80004005',
      ),
    ),
  secretServerStarting: () => ev(10534, 'Information', 'This computer is the master secret server.'),
  noSecrets: () =>
    ev(
      10520,
      'Warning',
      'No secrets were found in the registry of the master secret server. Use the configuration tools to generate or restore a master secret.',
    ),
  secretValidateFailed: (msid: string) =>
    ev(
      10565,
      'Error',
      lines(
        'The secret could not be loaded from the registry. The service account for the SSO service may have been changed or the secret may be corrupted. Restore the secret from a backup file.',
        ` MSID: ${msid}`,
      ),
    ),
  secretsNotLoaded: () =>
    ev(10521, 'Error', 'Could not load secrets from the registry of the master secret server.'),
  restored: (file: string, current: string, previous: string, c: Client) =>
    ev(
      10523,
      'Information',
      lines(
        'The master secrets were successfully restored.',
        ` File Name: ${file}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
        ` Client User: ${c.user}`,
        ` Client Computer: ${c.computer}`,
      ),
    ),
  restoreFailed: (file: string, current: string, previous: string, user: string, code: string) =>
    ev(
      10524,
      'Error',
      lines(
        'Failed to restore the master secrets.',
        ` File Name: ${file}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
        ` Client User: ${user}`,
        ` Error Code: ${code}`,
      ),
    ),
  generated: (msid: string, c: Client, trackingId: string) =>
    ev(
      10525,
      'Information',
      lines(
        'A new master secret was successfully generated.',
        ` MSID: ${msid}`,
        ` Client User: ${c.user}`,
        ` Client Computer: ${c.computer}`,
        ` Tracking ID: ${trackingId}`,
      ),
    ),
  reencrypted: (count: number, current: string, previous: string) =>
    ev(
      10528,
      'Information',
      lines(
        'SSO database re-encryption has completed successfully.',
        ` Number of Credentials re-encrypted: ${count}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
      ),
    ),
  gotSecret: (eventId: 10529 | 10533, server: string, msid: string) =>
    ev(
      eventId,
      'Information',
      lines(
        'Got the current secret from the master secret server.',
        ` Secret Server Name: ${server}`,
        ` MSID: ${msid}`,
      ),
    ),
  lostSecretServer: (server: string, code: string) =>
    ev(
      10532,
      'Warning',
      lines(
        'Failed to retrieve master secrets. Verify that the master secret server name is correct and that it is available.',
        ` Secret Server Name: ${server}`,
        ` Error Code: ${code}`,
      ),
    ),
  notSsoAdminService: (admins: string, account: string) =>
    ev(
      10550,
      'Error',
      lines(
        'The SSO service could not start because the service account it is running under is not a member of the SSO Administrators account.',
        ` SSO Administrators: ${admins}`,
        ` SSO Service Account: ${account}`,
      ),
    ),
  backedUp: (file: string, current: string, previous: string, c: Client) =>
    ev(
      10559,
      'Information',
      lines(
        'The master secrets were successfully backed up.',
        ` File Name: ${file}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
        ` Client User: ${c.user}`,
        ` Client Computer: ${c.computer}`,
      ),
    ),
  badBackupFormat: () => ev(10564, 'Error', 'The backup file does not have the correct format.'),
  changedSecretServer: (next: string, old: string, trackingId: string, c: Client) =>
    ev(
      10575,
      'Information',
      lines(
        'Updated secret server name.',
        ` New Secret Server: ${next}`,
        ` Old Secret Server: ${old}`,
        ` Tracking ID: ${trackingId}`,
        ` Client Computer: ${c.computer}`,
        ` Client User: ${c.user}`,
      ),
    ),
  notBackedUp: () =>
    ev(
      10589,
      'Warning',
      'The master secret has not been backed up. If you lose the master secret all the information stored in the SSO system will be lost permanently and your systems may fail to work correctly. Please use the SSO administration tools to back up your master secret.',
    ),
  versionMismatch: (sql: string, db: string, dbVersion: string, required: string) =>
    ev(
      10728,
      'Error',
      lines(
        'This version of the SSO server is not compatible with the SSO database. Please upgrade your master secret server.',
        ` SQL Server Name: ${sql}`,
        ` SSO Database Name: ${db}`,
        ` SSO Database Version: ${dbVersion}`,
        ` Required Version: ${required}`,
      ),
    ),
  notSecretServer: () =>
    ev(10766, 'Warning', 'This function can only be performed on the master secret server.'),
  notSsoAdmin: () =>
    ev(10772, 'Warning', 'The user is not a member of the specified SSO Administrators account.'),
  wrongPassword: () => ev(10779, 'Warning', 'An incorrect password was specified for the backup file.'),
  noSecret: () =>
    ev(
      10783,
      'Error',
      'Cannot perform encryption or decryption because the secret is not available from the master secret server. See the event log for related errors.',
    ),
  wrongSecret: () => ev(10815, 'Warning', 'Incorrect master secret.'),
};
