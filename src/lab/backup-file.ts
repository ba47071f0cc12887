import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { aesDecrypt, aesEncrypt } from './aes-gcm.js';
import type { MasterSecret } from './lab-types.js';
import { sha256Hex } from './master-secret.js';

/** What a master secret backup carries. */
export type BackupContent = { systemId: string; current: MasterSecret; previous?: MasterSecret };

type BackupHeader = {
  format: number;
  reminder: string;
  msid: string;
  systemId: string;
  salt: string;
  checksum: string;
};

const MAGIC = 'ENTSSO-MASTER-SECRET-BACKUP';
const FORMAT = 2;

function deriveKey(password: string, salt: Buffer): Buffer {
  return scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
}

/** The file: magic line, clear-text JSON header (reminder, MSID, system id, format), encrypted payload. */
export function createBackupFile(content: BackupContent, password: string, reminder: string): Buffer {
  const salt = randomBytes(16);
  const payload = aesEncrypt(
    deriveKey(password, salt),
    Buffer.from(JSON.stringify(content)),
    Buffer.from(MAGIC),
  );
  const header: BackupHeader = {
    format: FORMAT,
    reminder,
    msid: content.current.msid,
    systemId: content.systemId,
    salt: salt.toString('base64'),
    checksum: sha256Hex(payload),
  };
  return Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n${payload}\n`, 'utf8');
}

function parse(file: Buffer): { header: BackupHeader; payload: string } | undefined {
  const [magic, headerLine, payload] = file.toString('utf8').split('\n');
  if (magic !== MAGIC || !headerLine || !payload) return undefined;
  try {
    const header = JSON.parse(headerLine) as BackupHeader;
    if (header.format !== FORMAT || typeof header.reminder !== 'string') return undefined;
    return { header, payload };
  } catch {
    return undefined;
  }
}

/** The clear-text reminder, or undefined when the file is not a backup of the right format. */
export function readBackupReminder(file: Buffer): string | undefined {
  return parse(file)?.header.reminder;
}

export function readBackupHeader(file: Buffer): { msid: string; systemId: string } | undefined {
  const parsed = parse(file);
  return parsed ? { msid: parsed.header.msid, systemId: parsed.header.systemId } : undefined;
}

export type OpenedBackup =
  | { ok: true; content: BackupContent }
  | { ok: false; reason: 'format' | 'password' };

export function openBackupFile(file: Buffer, password: string): OpenedBackup {
  const parsed = parse(file);
  // a damaged payload is a format error, not a wrong password: the checksum tells them apart
  if (!parsed || sha256Hex(parsed.payload) !== parsed.header.checksum) return { ok: false, reason: 'format' };
  const key = deriveKey(password, Buffer.from(parsed.header.salt, 'base64'));
  const plain = aesDecrypt(key, parsed.payload, Buffer.from(MAGIC));
  if (!plain) return { ok: false, reason: 'password' };
  return { ok: true, content: JSON.parse(plain.toString('utf8')) as BackupContent };
}

/** A scrypt verifier, so the lab can later tell a password is right without ever storing it. */
export function createPasswordVerifier(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('base64')}:${deriveKey(password, salt).toString('base64')}`;
}

export function checkPasswordVerifier(verifier: string, password: string): boolean {
  const [salt, hash] = verifier.split(':').map((part) => Buffer.from(part, 'base64'));
  if (!salt || !hash) return false;
  return timingSafeEqual(deriveKey(password, salt), hash);
}
