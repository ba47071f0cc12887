import { logEvent } from '../services/event-log.js';
import { entssoEvents } from '../services/event-messages.js';
import { addSsoHistory } from '../ssodb/sso-db.js';
import type { FaultBuild } from './fault-registry.js';
import { changedServiceAccount } from './lab-faults-apply.js';

/** service-account-changed: the MSS's ENTSSO restarted under the new account 15 minutes ago (F13). */
export function logAccountChangeRestart({ db, mss, sqlHost, domain, t0, msid }: FaultBuild): void {
  const at = t0 - 15 * 60_000;
  logEvent(db, mss, at, entssoEvents.starting(mss, sqlHost, 'SSODB', true));
  logEvent(db, mss, at + 1000, entssoEvents.secretServerStarting());
  logEvent(db, mss, at + 1000, entssoEvents.secretValidateFailed(msid));
  logEvent(db, mss, at + 1000, entssoEvents.secretsNotLoaded());
  logEvent(db, mss, at + 2000, entssoEvents.started());
  addSsoHistory(
    db,
    at,
    'serviceAccount',
    `${mss}: ENTSSO account changed to ${changedServiceAccount(`${domain}\\svc-entsso`)}`,
  );
}
