import type { LabDb } from './lab-db.js';
import type { MasterSecret } from '../lab-types.js';
import { decryptWithSecret, sha256Hex } from '../secrets/master-secret.js';
import { listApps, listFields, listMappings } from '../ssodb/sso-db.js';

/** What SSODB held at init: names and hashes of the plaintext values (never the values themselves). */
export type LabSnapshot = { msid: string; apps: string[]; items: Record<string, string> };

function itemKeys(db: LabDb) {
  return [
    ...listFields(db)
      .filter((f) => f.msid !== '')
      .map((f) => ({ key: `field ${f.app}/${f.label}`, item: f })),
    ...listMappings(db).map((m) => ({ key: `mapping ${m.app}/${m.account}`, item: m })),
  ];
}

export function takeSnapshot(db: LabDb, secret: MasterSecret): LabSnapshot {
  const items: Record<string, string> = {};
  for (const { key, item } of itemKeys(db))
    items[key] = sha256Hex(decryptWithSecret(secret, item.value) ?? '');
  return { msid: secret.msid, apps: listApps(db).map((a) => a.name), items };
}

/** Differences from the snapshot: lost apps, lost or changed values. `secrets` decrypt what is there now. */
export function diffSnapshot(db: LabDb, snapshot: LabSnapshot, secrets: MasterSecret[]): string[] {
  const problems: string[] = [];
  const apps = new Set(listApps(db).map((a) => a.name));
  for (const app of snapshot.apps) if (!apps.has(app)) problems.push(`application ${app} is missing`);
  const now = new Map(itemKeys(db).map(({ key, item }) => [key, item]));
  for (const [key, hash] of Object.entries(snapshot.items)) {
    const item = now.get(key);
    if (!item) {
      problems.push(`${key} is missing`);
      continue;
    }
    const secret = secrets.find((s) => s.msid === item.msid);
    const plain = secret ? decryptWithSecret(secret, item.value) : undefined;
    if (plain === undefined) problems.push(`${key} cannot be decrypted`);
    else if (sha256Hex(plain) !== hash) problems.push(`${key} changed`);
  }
  return problems;
}
