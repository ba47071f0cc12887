import type { EventLevel } from './event-log.js';

export type EventSpec = { eventId: number; level: EventLevel; message: string };

const CRLF = '\r\n';
const lines = (...parts: string[]) => parts.join(CRLF);
const ev = (eventId: number, level: EventLevel, message: string): EventSpec => ({ eventId, level, message });
type Client = { user: string; computer: string };

/** ENTSSO Application-log events, by id. Texts follow the Microsoft event pages (reference §4.7). */
export const entssoEvents = {
  starting: (sql: string, db: string) =>
    ev(
      10501,
      'Information',
      lines('The SSO service is starting.', ` Using SSL: Yes`, ` SQL Server: ${sql}`, ` SSO Database: ${db}`),
    ),
  started: () => ev(10502, 'Information', 'The SSO service started.'),
  startFailed: (reason: string) =>
    ev(10503, 'Error', lines('The SSO service failed to start.', ` Error: ${reason}`)),
  dbFirstAccess: (sql: string, db: string) =>
    ev(
      10513,
      'Error',
      lines(
        'Could not contact the SSO database. Check that SQL Server is running and reachable.',
        ` SQL Server: ${sql}`,
        ` SSO Database: ${db}`,
        ' Error Code: 0x80004005, Login timeout expired (12 attempts)',
      ),
    ),
  secretServerStarting: () =>
    ev(10534, 'Information', 'SSO secret server starting. This computer is the master secret server.'),
  noSecrets: (msid: string) =>
    ev(
      10520,
      'Warning',
      lines(
        'No secrets were found in the registry of the master secret server. The secret may not have been restored yet, or the GUIDs under SSOSS do not match the requested MSID.',
        ` Requested MSID: ${msid}`,
      ),
    ),
  secretValidateFailed: () =>
    ev(
      10565,
      'Error',
      'The master secret in the registry could not be validated (decryption failed). The service account may have changed.',
    ),
  secretsNotLoaded: () =>
    ev(
      10521,
      'Error',
      'The master secrets could not be loaded from the registry. Restore the master secret.',
    ),
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
  restoreFailed: (file: string, reason: string) =>
    ev(
      10524,
      'Error',
      lines('Failed to restore the master secrets.', ` File Name: ${file}`, ` Error: ${reason}`),
    ),
  generated: (msid: string, c: Client) =>
    ev(
      10525,
      'Information',
      lines(
        'A new master secret was generated.',
        ` New MSID: ${msid}`,
        ` Client User: ${c.user}`,
        ` Client Computer: ${c.computer}`,
      ),
    ),
  reencrypted: (count: number, current: string, previous: string) =>
    ev(
      10528,
      'Information',
      lines(
        'Re-encryption of the SSO database finished.',
        ` Items: ${count}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
      ),
    ),
  gotSecret: (eventId: 10529 | 10533, server: string, msid: string) =>
    ev(
      eventId,
      'Information',
      `Got the current secret from the master secret server. Secret Server Name: ${server} MSID: ${msid}`,
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
  notSsoAdminService: (account: string) =>
    ev(
      10550,
      'Error',
      lines(
        'The SSO service account is not a member of the SSO Administrators group. The service cannot start.',
        ` Service Account: ${account}`,
      ),
    ),
  backedUp: (file: string, current: string, previous: string, c: Client) =>
    ev(
      10559,
      'Information',
      lines(
        'The master secret was successfully backed up.',
        ` File Name: ${file}`,
        ` Current MSID: ${current}`,
        ` Previous MSID: ${previous}`,
        ` Client User: ${c.user}`,
        ` Client Computer: ${c.computer}`,
      ),
    ),
  badBackupFormat: (file: string) =>
    ev(10564, 'Error', lines('The backup file does not have the correct format.', ` File Name: ${file}`)),
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
      'The master secret has not been backed up. Back it up with ssoconfig -backupSecret and store the file and password safely.',
    ),
  versionMismatch: (server: string, db: string) =>
    ev(
      10728,
      'Error',
      lines(
        'This version of the SSO server is not compatible with the SSO database. Please upgrade your master secret server.',
        ` SSO server version: ${server}`,
        ` SSO database version: ${db}`,
      ),
    ),
  notSecretServer: () =>
    ev(10766, 'Warning', 'This function can only be performed on the master secret server.'),
  notSsoAdmin: (user: string) =>
    ev(
      10772,
      'Warning',
      lines('This function can only be performed by an SSO administrator.', ` Client User: ${user}`),
    ),
  wrongPassword: (file: string) =>
    ev(
      10779,
      'Warning',
      lines('An incorrect password was specified for the backup file.', ` File Name: ${file}`),
    ),
  noSecret: () =>
    ev(
      10783,
      'Error',
      'Cannot perform encryption or decryption because the secret is not available from the master secret server.',
    ),
  wrongSecret: (file: string) =>
    ev(
      10815,
      'Warning',
      lines(
        'Incorrect master secret. The backup file does not belong to this SSO system.',
        ` File Name: ${file}`,
      ),
    ),
};
