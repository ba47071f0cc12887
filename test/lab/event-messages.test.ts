import { describe, expect, it } from 'vitest';
import { ENTSSO_ERROR_TEXTS } from '../../src/lab/services/entsso-error-texts.js';
import { entssoEvents } from '../../src/lab/services/event-messages.js';

const client = { user: 'CONTOSO\\ops', computer: 'BTS01' };
const msid = '{00000000-0000-0000-0000-000000000001}';

/**
 * The "Message Text" of Microsoft's page for each id, https://learn.microsoft.com/en-us/biztalk/core/
 * single-sign-on-event-<id>, with its %r breaks as CRLF and the inserts this test fills in.
 */
const MICROSOFT: [string, ReturnType<(typeof entssoEvents)[keyof typeof entssoEvents]>, string][] = [
  [
    '10501',
    entssoEvents.starting('BTS01', 'SQL01', 'SSODB', true),
    'The SSO service is starting.\r\n Computer Name: BTS01\r\n SQL Server Name: SQL01\r\n SSO Database Name: SSODB\r\n Using SSL. Protocol encryption enforced for SQL Server connections.',
  ],
  [
    '10611',
    entssoEvents.starting('BTS01', 'SQL01', 'SSODB', false),
    'The SSO service is starting.\r\n Computer Name: BTS01\r\n SQL Server Name: SQL01\r\n SSO Database Name: SSODB\r\n Not using SSL. See documentation for details on how to secure the SQL Server connection.',
  ],
  ['10502', entssoEvents.started(), 'The SSO service has started.'],
  [
    '10520',
    entssoEvents.noSecrets(),
    'No secrets were found in the registry of the master secret server. Use the configuration tools to generate or restore a master secret.',
  ],
  [
    '10521',
    entssoEvents.secretsNotLoaded(),
    'Could not load secrets from the registry of the master secret server.',
  ],
  [
    '10525',
    entssoEvents.generated(msid, client, '{T}'),
    `A new master secret was successfully generated.\r\n MSID: ${msid}\r\n Client User: CONTOSO\\ops\r\n Client Computer: BTS01\r\n Tracking ID: {T}`,
  ],
  [
    '10528',
    entssoEvents.reencrypted(3, msid, '{P}'),
    `SSO database re-encryption has completed successfully.\r\n Number of Credentials re-encrypted: 3\r\n Current MSID: ${msid}\r\n Previous MSID: {P}`,
  ],
  [
    '10529',
    entssoEvents.gotSecret(10529, 'SSO02', msid),
    `Got the current secret from the master secret server.\r\n Secret Server Name: SSO02\r\n MSID: ${msid}`,
  ],
  ['10534', entssoEvents.secretServerStarting(), 'This computer is the master secret server.'],
  [
    '10550',
    entssoEvents.notSsoAdminService('CONTOSO\\SSO Administrators', 'CONTOSO\\svc-sso'),
    'The SSO service could not start because the service account it is running under is not a member of the SSO Administrators account.\r\n SSO Administrators: CONTOSO\\SSO Administrators\r\n SSO Service Account: CONTOSO\\svc-sso',
  ],
  [
    '10559',
    entssoEvents.backedUp('C:\\b.bak', msid, '{P}', client),
    `The master secrets were successfully backed up.\r\n File Name: C:\\b.bak\r\n Current MSID: ${msid}\r\n Previous MSID: {P}\r\n Client User: CONTOSO\\ops\r\n Client Computer: BTS01`,
  ],
  ['10564', entssoEvents.badBackupFormat(), 'The backup file does not have the correct format.'],
  [
    '10565',
    entssoEvents.secretValidateFailed(msid),
    `The secret could not be loaded from the registry. The service account for the SSO service may have been changed or the secret may be corrupted. Restore the secret from a backup file.\r\n MSID: ${msid}`,
  ],
  [
    '10772',
    entssoEvents.notSsoAdmin(),
    'The user is not a member of the specified SSO Administrators account.',
  ],
  ['10779', entssoEvents.wrongPassword(), 'An incorrect password was specified for the backup file.'],
  ['10815', entssoEvents.wrongSecret(), 'Incorrect master secret.'],
  [
    '10783',
    entssoEvents.noSecret(),
    'Cannot perform encryption or decryption because the secret is not available from the master secret server. See the event log for related errors.',
  ],
];

describe('ENTSSO event texts', () => {
  it.each(MICROSOFT)('event %s carries the id and the text of its Microsoft page', (id, event, text) => {
    expect(event.eventId).toBe(Number(id));
    expect(event.message).toBe(text);
  });

  it("starts 10513 with the page's text: Failed to contact the SSO database", () => {
    expect(entssoEvents.dbFirstAccess('SQL01', 'SSODB').message).toMatch(
      /^Failed to contact the SSO database: .*\r\n .*\r\n Error code: 0x[0-9A-F]{8}$/,
    );
  });

  it("prints Microsoft's message text after the HRESULT, e.g. 10836 for a short password", () => {
    expect(ENTSSO_ERROR_TEXTS[10836]).toBe(
      'The specified password is too short, it must be at least 7 characters.',
    );
    expect(ENTSSO_ERROR_TEXTS[10772]).toBe(
      'The user is not a member of the specified SSO Administrators account.',
    );
  });
});
