import { listBackups } from '../secrets/backup-records.js';
import type { LabDb } from '../store/lab-db.js';
import { readHostFile } from '../store/lab-fs.js';
import { diffSnapshot, type LabSnapshot } from '../store/lab-snapshot.js';
import type { LabMeta, LabServer, MasterSecret } from '../lab-types.js';
import { sha256Hex } from '../secrets/master-secret.js';
import { canDecryptAll, encryptionSecret } from '../secrets/secret-access.js';
import { readProcessingStops } from '../services/processing-stops.js';
import { isRunning } from '../secrets/secret-server.js';
import { entssoDependents, serviceStateOf } from '../tools/host-services.js';
import { sameHost } from '../store/server-store.js';
import type { SsoGlobal } from '../ssodb/sso-db.js';
import { readSsoss } from '../services/ssoss-registry.js';

export type LabCriterion = { name: string; passed: boolean; detail: string };
export type LabVerdict = { passed: boolean; criteria: LabCriterion[] };

/** What every criterion looks at: the lab at lab-now. */
export type Grade = {
  db: LabDb;
  meta: LabMeta;
  now: number;
  global: SsoGlobal;
  servers: LabServer[];
  mss?: LabServer;
};

export const criterion = (name: string, passed: boolean, detail: string): LabCriterion => ({
  name,
  passed,
  detail,
});
const running = (g: Grade) => g.servers.filter((s) => s.reachable && isRunning(s));
const names = (servers: LabServer[]) => servers.map((s) => s.name).join(', ');

export function liveMss(g: Grade): LabCriterion {
  const ok = g.mss?.reachable === true && isRunning(g.mss);
  return criterion(
    'ssodb-names-live-mss',
    ok,
    `SSODB secretServer is ${g.global.secretServer}${ok ? ', which is up with ENTSSO running' : ', which is not a live SSO server'}`,
  );
}

export function mssSecret(g: Grade): LabCriterion {
  const mss = g.mss;
  const registry = mss?.entsso ? readSsoss(g.db, mss.name, mss.entsso.account) : undefined;
  const ok =
    mss?.reachable === true &&
    !!mss.entsso?.secretServerActive &&
    registry?.current?.msid === g.global.currentMsid &&
    mss.entsso.cache?.current.msid === g.global.currentMsid;
  const detail = ok
    ? `${mss!.name} holds MSID ${g.global.currentMsid} in SSOSS and runs the Secret sub-service`
    : `the MSS does not hold MSID ${g.global.currentMsid} (registry: ${registry?.current?.msid ?? 'none'}; Secret sub-service ${mss?.entsso?.secretServerActive ? 'running' : 'not running'})`;
  return criterion('mss-holds-matching-secret', ok, detail);
}

export function fetched(g: Grade): LabCriterion {
  const others = running(g).filter((s) => !s.entsso?.secretServerActive);
  const bad = others.filter(
    (s) =>
      !g.mss?.reachable ||
      !sameHost(s.entsso?.cache?.from, g.mss.name) ||
      s.entsso?.cache?.current.msid !== g.global.currentMsid,
  );
  return criterion(
    'servers-fetched-from-mss',
    bad.length === 0,
    bad.length === 0
      ? `${names(others) || 'no other server'} fetched MSID ${g.global.currentMsid} from ${g.global.secretServer}`
      : `not fetched from the MSS: ${names(bad)}`,
  );
}

export function reads(g: Grade): LabCriterion {
  const bad = running(g).filter((s) => !canDecryptAll(g.db, s));
  return criterion(
    'config-decrypts',
    running(g).length > 0 && bad.length === 0,
    bad.length === 0 ? `configuration decrypts on ${names(running(g))}` : `cannot decrypt on ${names(bad)}`,
  );
}

export function writes(g: Grade): LabCriterion {
  const bad = running(g).filter((s) => !encryptionSecret(g.db, s, g.now));
  return criterion(
    'config-writes',
    running(g).length > 0 && bad.length === 0,
    bad.length === 0 ? `encryption works on ${names(running(g))}` : `cannot encrypt on ${names(bad)}`,
  );
}

function knownSecrets(g: Grade): MasterSecret[] {
  const secrets = g.servers.flatMap((s) => [s.entsso?.cache?.current, s.entsso?.cache?.previous]);
  for (const s of g.servers)
    if (s.entsso)
      secrets.push(
        ...Object.values(readSsoss(g.db, s.name, s.entsso.account)).filter(
          (v): v is MasterSecret => typeof v === 'object' && v !== null && 'msid' in v,
        ),
      );
  return secrets.filter((s): s is MasterSecret => s !== undefined);
}

export function unchanged(g: Grade, snapshot: LabSnapshot): LabCriterion[] {
  const problems = diffSnapshot(g.db, snapshot, knownSecrets(g));
  const sameSecret = g.global.currentMsid === snapshot.msid;
  return [
    criterion(
      'config-unchanged',
      problems.length === 0,
      problems.length === 0
        ? `all ${snapshot.apps.length} applications and ${Object.keys(snapshot.items).length} values are intact`
        : problems.join('; '),
    ),
    criterion(
      'secret-not-regenerated',
      sameSecret,
      sameSecret
        ? `MSID is still ${snapshot.msid}`
        : `a new secret was generated (${snapshot.msid} -> ${g.global.currentMsid})`,
    ),
  ];
}

/** A backup of the current MSID, taken on the MSS after the last secretServer change (else after lab init). */
export function freshBackup(g: Grade, after = 'the failover'): LabCriterion {
  const history = g.db
    .prepare("SELECT MAX(time) AS t FROM ssodb_history WHERE change = 'secretServer'")
    .get() as { t: number | null };
  const since = history.t ?? g.meta.initLabMs;
  const good = listBackups(g.db).filter((b) => {
    const file = readHostFile(g.db, b.host, b.path);
    return (
      b.time >= since &&
      b.opened &&
      sameHost(b.host, g.mss?.name) &&
      b.msid === g.global.currentMsid &&
      file !== undefined &&
      sha256Hex(file.content) === b.sha256
    );
  });
  const last = good[good.length - 1];
  return criterion(
    'fresh-backup',
    last !== undefined,
    last
      ? `${last.path} on ${last.host}, taken after ${after}, opens with its password`
      : `no backup of MSID ${g.global.currentMsid} taken on the MSS after ${after} (ssoconfig -backupSecret)`,
  );
}

export function noRogueMss(g: Grade): LabCriterion {
  const rogue = running(g).filter(
    (s) => s.entsso?.secretServerActive && !sameHost(s.name, g.global.secretServer),
  );
  return criterion(
    'old-mss-not-acting',
    rogue.length === 0,
    rogue.length === 0
      ? 'no other server acts as master secret server'
      : `${names(rogue)} still acts as master secret server; restart or stop ENTSSO there`,
  );
}

/**
 * No BizTalk processing was stopped where the failover did not need it, and every BizTalk service that
 * depends on ENTSSO (host instances, Rule Engine Update Service) is running again on the live servers.
 */
export function noProcessingOutage(g: Grade): LabCriterion {
  const stops = readProcessingStops(g.db);
  const unneeded = stops.filter((s) => s.neededBecause === undefined);
  const down = g.servers
    .filter((s) => s.reachable && s.entsso)
    .flatMap((s) =>
      entssoDependents(s)
        .filter((d) => serviceStateOf(s, d) !== 'running')
        .map((d) => `${d.name} on ${s.name}`),
    );
  const needed = stops.filter((s) => s.neededBecause !== undefined);
  const why = needed.map((s) => `${s.host}: ${s.neededBecause}`).join('; ');
  const detail =
    unneeded.length > 0
      ? `BizTalk services were stopped where nothing needed it: ${unneeded.map((s) => `${s.services.join(', ')} on ${s.host}`).join('; ')}`
      : down.length > 0
        ? `not running again: ${down.join(', ')}`
        : `BizTalk processing stopped only where needed${why ? ` (${why})` : ' (nowhere)'}; every dependent service runs`;
  return criterion('no-processing-outage', unneeded.length === 0 && down.length === 0, detail);
}
