import { randomUUID } from 'node:crypto';
import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import type { LabDb } from '../store/lab-db.js';
import type { LabServer, MasterSecret } from '../lab-types.js';
import { encryptWithSecret, generateMasterSecret } from '../secrets/master-secret.js';
import { decryptOnServer } from '../secrets/secret-access.js';
import { addSsoHistory, listFields, listMappings, saveField, saveMapping, writeSsoGlobal } from './sso-db.js';
import { writeSsoss } from '../services/ssoss-registry.js';

/**
 * -generateSecret on the MSS: new secret, every SSODB value decrypted with the old one and re-encrypted
 * (10525, 10528). undefined when some value cannot be decrypted here (then nothing changes).
 */
export function reencryptSsoDb(
  db: LabDb,
  mss: LabServer,
  now: number,
  client: { user: string; computer: string },
): { current: MasterSecret; previous: MasterSecret } | undefined {
  const entsso = mss.entsso!;
  const old = entsso.cache?.current;
  const fields = listFields(db).filter((f) => f.msid !== '');
  const mappings = listMappings(db);
  const plain = [...fields, ...mappings].map((item) => decryptOnServer(mss, item));
  if (!old || plain.some((p) => p === undefined)) return undefined;
  const next = generateMasterSecret();
  for (const [i, field] of fields.entries()) {
    saveField(db, { ...field, msid: next.msid, value: encryptWithSecret(next, plain[i]!) });
  }
  for (const [i, m] of mappings.entries()) {
    saveMapping(db, { ...m, msid: next.msid, value: encryptWithSecret(next, plain[fields.length + i]!) });
  }
  writeSsoGlobal(db, { currentMsid: next.msid });
  writeSsoss(db, mss.name, { current: next, previous: old }, entsso.account);
  entsso.cache = { current: next, previous: old, from: mss.name, fetchedAt: now };
  logEvent(db, mss.name, now, entssoEvents.generated(next.msid, client, `{${randomUUID().toUpperCase()}}`));
  logEvent(db, mss.name, now, entssoEvents.reencrypted(plain.length, next.msid, old.msid));
  addSsoHistory(
    db,
    now,
    'generateSecret',
    `new MSID ${next.msid} (previous ${old.msid}); ${plain.length} items re-encrypted`,
  );
  return { current: next, previous: old };
}
