import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { aesDecrypt, aesEncrypt } from './aes-gcm.js';
import type { MasterSecret } from '../lab-types.js';

export function generateMasterSecret(): MasterSecret {
  return { msid: `{${randomUUID().toUpperCase()}}`, key: randomBytes(32).toString('hex') };
}

/** Encrypts one SSODB value; the MSID is authenticated so a value can't be decrypted under another secret. */
export function encryptWithSecret(secret: MasterSecret, plaintext: string): string {
  return aesEncrypt(Buffer.from(secret.key, 'hex'), Buffer.from(plaintext, 'utf8'), Buffer.from(secret.msid));
}

export function decryptWithSecret(secret: MasterSecret, blob: string): string | undefined {
  return aesDecrypt(Buffer.from(secret.key, 'hex'), blob, Buffer.from(secret.msid))?.toString('utf8');
}

// The registry copy is bound to the ENTSSO service account (reference §2.2): key derived from the account.
function accountKey(account: string): Buffer {
  return createHash('sha256').update(`ENTSSO-SSOSS|${account.toLowerCase()}`).digest();
}

export function sealForAccount(secret: MasterSecret, account: string): string {
  return aesEncrypt(accountKey(account), Buffer.from(secret.key, 'hex'), Buffer.from(secret.msid));
}

export function unsealForAccount(msid: string, sealed: string, account: string): MasterSecret | undefined {
  const key = aesDecrypt(accountKey(account), sealed, Buffer.from(msid));
  return key ? { msid, key: key.toString('hex') } : undefined;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
