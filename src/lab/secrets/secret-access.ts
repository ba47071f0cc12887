import type { LabDb } from '../store/lab-db.js';
import type { LabServer, MasterSecret } from '../lab-types.js';
import { decryptWithSecret } from './master-secret.js';
import { isRunning, requestSecret } from './secret-server.js';
import { answersAs } from '../cluster/lab-cluster.js';
import { listFields, listMappings, readSsoGlobal } from '../ssodb/sso-db.js';

/** The secret a running server holds in memory for this MSID (current or previous). */
export function cachedSecret(server: LabServer, msid: string): MasterSecret | undefined {
  const cache = isRunning(server) ? server.entsso?.cache : undefined;
  return [cache?.current, cache?.previous].find((s) => s?.msid === msid);
}

export function decryptOnServer(
  server: LabServer,
  item: { msid: string; value: string },
): string | undefined {
  const secret = cachedSecret(server, item.msid);
  return secret ? decryptWithSecret(secret, item.value) : undefined;
}

/** Reads work on the cached secret alone: true when every encrypted value in SSODB decrypts here. */
export function canDecryptAll(db: LabDb, server: LabServer): boolean {
  const items = [...listFields(db).filter((f) => f.msid !== ''), ...listMappings(db)];
  return items.every((item) => decryptOnServer(server, item) !== undefined);
}

/**
 * Writes need the live MSS: nothing new can be encrypted while it is unreachable (reference §4.4),
 * even though the cached secret still decrypts.
 */
export function encryptionSecret(db: LabDb, server: LabServer, now: number): MasterSecret | undefined {
  const global = readSsoGlobal(db);
  const current = server.entsso?.cache?.current;
  if (!isRunning(server) || !current || current.msid !== global.currentMsid) return undefined;
  if (server.entsso?.secretServerActive && answersAs(db, global.secretServer, server)) return current;
  const answer = requestSecret(db, server, now, false);
  return answer.ok && answer.current.msid === current.msid ? current : undefined;
}
