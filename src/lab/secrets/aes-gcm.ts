import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM; the result is `iv:tag:ciphertext`, base64 parts. */
export function aesEncrypt(key: Buffer, plaintext: Buffer, aad?: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64')).join(':');
}

/** undefined when the key is wrong or the data was altered (GCM authentication failed). */
export function aesDecrypt(key: Buffer, blob: string, aad?: Buffer): Buffer | undefined {
  const [iv, tag, ciphertext] = blob.split(':').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !ciphertext || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
