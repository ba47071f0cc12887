import type { LabDb } from '../store/lab-db.js';
import type { MasterSecret } from '../lab-types.js';
import { sealForAccount, unsealForAccount } from '../secrets/master-secret.js';
import {
  deleteRegTree,
  ensureRegKey,
  listRegValues,
  listSubkeys,
  regKeyExists,
  setRegValue,
} from '../store/registry-store.js';

export const SSOSS_KEY = 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS';

/** Writes the current and previous secret under SSOSS\{MSID}, sealed for the service account. */
export function writeSsoss(
  db: LabDb,
  host: string,
  secrets: { current: MasterSecret; previous?: MasterSecret },
  account: string,
): void {
  deleteRegTree(db, host, SSOSS_KEY);
  ensureRegKey(db, host, SSOSS_KEY);
  const entries = [secrets.current, secrets.previous].filter((s): s is MasterSecret => s !== undefined);
  entries.forEach((secret, index) => {
    const key = `${SSOSS_KEY}\\${secret.msid}`;
    setRegValue(db, host, key, { name: 'Secret', type: 'REG_BINARY', data: sealForAccount(secret, account) });
    setRegValue(db, host, key, { name: 'Current', type: 'REG_DWORD', data: index === 0 ? '1' : '0' });
  });
}

export type SsossSecrets = {
  current?: MasterSecret;
  previous?: MasterSecret;
  unreadable: boolean;
  msids: string[];
};

/** What ENTSSO finds in SSOSS when it runs as the given account. */
export function readSsoss(db: LabDb, host: string, account: string): SsossSecrets {
  const result: SsossSecrets = { unreadable: false, msids: [] };
  if (!regKeyExists(db, host, SSOSS_KEY)) return result;
  for (const key of listSubkeys(db, host, SSOSS_KEY)) {
    const msid = key.slice(SSOSS_KEY.length + 1);
    const values = listRegValues(db, host, key);
    const sealed = values.find((v) => v.name.toLowerCase() === 'secret')?.data ?? '';
    const secret = unsealForAccount(msid, sealed, account);
    result.msids.push(msid);
    if (!secret) result.unreadable = true;
    else if (values.find((v) => v.name.toLowerCase() === 'current')?.data === '1') result.current = secret;
    else result.previous = secret;
  }
  return result;
}
