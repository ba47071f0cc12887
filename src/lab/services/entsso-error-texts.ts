/**
 * The texts ENTSSO's tools print after `ERROR: 0x<hresult> :`, one per message id: the "Message Text" of
 * Microsoft's event page for that id (https://learn.microsoft.com/en-us/biztalk/core/single-sign-on-event-<id>).
 */
export const ENTSSO_ERROR_TEXTS: Record<number, string> = {
  10756: 'The application does not exist.',
  10766: 'This function can only be performed on the master secret server.',
  10771: 'This function can only be performed by a local administrator.',
  10772: 'The user is not a member of the specified SSO Administrators account.',
  10773: 'Enterprise Single Sign-On must be disabled before performing this function.',
  10777: 'For security reasons the following accounts are not allowed: Built-in accounts; Everyone;',
  10779: 'An incorrect password was specified for the backup file.',
  10783:
    'Cannot perform encryption or decryption because the secret is not available from the master secret server. See the event log for related errors.',
  10815: 'Incorrect master secret.',
  10836: 'The specified password is too short, it must be at least 7 characters.',
  10839: 'The maximum password length is 256 characters.',
  10840: 'The maximum password reminder length is 512 characters.',
  10564: 'The backup file does not have the correct format.',
};
