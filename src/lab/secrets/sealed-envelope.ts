import { readFileSync } from 'node:fs';
import { writePrivateFile } from '../../private-file.js';
import { join } from 'node:path';
import { LabInputError } from '../lab-input-error.js';

export const ENVELOPE_FILE = 'sealed-envelope.txt';

/** What the team handed over on paper: the backup location, its password and reminder. */
export type SealedEnvelope = {
  password: string;
  reminder: string;
  backupPath: string;
  /** wrong-password fault: the correction someone wrote on the envelope later */
  correctedPassword?: string;
  /** a second copy of the backup, kept apart from the first */
  secondBackupPath?: string;
};

const LABELS = {
  backupPath: 'Backup file (on every SSO server)',
  secondBackupPath: 'Second copy (on every SSO server)',
  password: 'Password',
  reminder: 'Password reminder',
  correctedPassword:
    'Correction (added later, initialled J.A.): the password above has a typo; the right one is',
} as const;

export function writeSealedEnvelope(dir: string, envelope: SealedEnvelope): void {
  const lines = [
    'SEALED - Enterprise SSO master secret backup. Open only for a master secret server recovery.',
    '',
  ];
  for (const [key, label] of Object.entries(LABELS)) {
    const value = envelope[key as keyof SealedEnvelope];
    if (value !== undefined) lines.push(`${label}: ${value}`);
  }
  writePrivateFile(join(dir, ENVELOPE_FILE), `${lines.join('\n')}\n`);
}

export function readSealedEnvelope(dir: string): SealedEnvelope {
  let text: string;
  try {
    text = readFileSync(join(dir, ENVELOPE_FILE), 'utf8');
  } catch {
    throw new LabInputError(
      `no sealed envelope in ${dir}. Is it a lab folder? (sso-failover lab init --dir ${dir})`,
    );
  }
  const envelope: Record<string, string> = {};
  for (const [key, label] of Object.entries(LABELS)) {
    const line = text.split('\n').find((l) => l.startsWith(`${label}: `));
    if (line !== undefined) envelope[key] = line.slice(label.length + 2);
  }
  return envelope as SealedEnvelope;
}
