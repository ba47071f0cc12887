import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { aesDecrypt, aesEncrypt } from './aes-gcm.js';
import type { MasterSecret } from '../lab-types.js';
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
  /** scrypt cost; absent in labs made before it was recorded (16384) */
  kdfN?: number;
};

const MAGIC = 'ENTSSO-MASTER-SECRET-BACKUP';
const FORMAT = 2;

/**
 * The lab's scrypt cost. A practice backup's password is printed in the sealed envelope, so the key
 * derivation needs to be real (a wrong password must fail) but not slow: 2^10 takes ~1 ms where 2^14 took
 * ~60 ms, and a drill derives several keys before its first prompt.
 */
const KDF_N = 1024;
/** What labs made before the cost was recorded used. */
const LEGACY_KDF_N = 16384;

function deriveKey(password: string, salt: Buffer, N = KDF_N): Buffer {
  return scryptSync(password, salt, 32, { N, r: 8, p: 1 });
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
    kdfN: KDF_N,
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
  const key = deriveKey(
    password,
    Buffer.from(parsed.header.salt, 'base64'),
    parsed.header.kdfN ?? LEGACY_KDF_N,
  );
  const plain = aesDecrypt(key, parsed.payload, Buffer.from(MAGIC));
  if (!plain) return { ok: false, reason: 'password' };
  return { ok: true, content: JSON.parse(plain.toString('utf8')) as BackupContent };
}

/** A scrypt verifier, so the lab can later tell a password is right without ever storing it. */
export function createPasswordVerifier(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('base64')}:${deriveKey(password, salt).toString('base64')}:${KDF_N}`;
}

export function checkPasswordVerifier(verifier: string, password: string): boolean {
  const [saltText, hashText, cost] = verifier.split(':');
  if (!saltText || !hashText) return false;
  const hash = Buffer.from(hashText, 'base64');
  const derived = deriveKey(password, Buffer.from(saltText, 'base64'), cost ? Number(cost) : LEGACY_KDF_N);
  return derived.length === hash.length && timingSafeEqual(derived, hash);
}
