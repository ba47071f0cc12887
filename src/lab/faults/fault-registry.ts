import { randomUUID } from 'node:crypto';
import type { LabServer, MasterSecret } from '../lab-types.js';
import { generateMasterSecret } from '../secrets/master-secret.js';
import { createBackupFile } from '../secrets/backup-file.js';
import type { LabDb } from '../store/lab-db.js';
import { readMeta } from '../store/lab-meta.js';
import { readSsoGlobal } from '../ssodb/sso-db.js';
import { buildDrSite, joinWrongly, REBUILT_SERVER, rebuildServer } from '../dr-site/build-dr-site.js';
import { logAccountChangeRestart } from './account-change-events.js';
import {
  changeServiceAccount,
  loseServer,
  SLOW_ENTSSO_START_MS,
  UPGRADED_ENTSSO_VERSION,
} from './lab-faults-apply.js';

/**
 * What a fault is to the rest of the lab:
 * - `failover`: a failure during a failover drill; mss-lost is implied.
 * - `single-mss`: the loss of an unclustered MSS (cannot be combined with a cluster).
 * - `live-mss`: a scenario of its own on a running MSS; mss-lost is not implied.
 * - `cluster`: a clustered MSS's failure; implies the cluster, never mss-lost.
 * - `dr-site`: the production site is lost and the DR site takes over; implies site-lost, never mss-lost.
 * - `rebuild`: a server rebuilt from scratch joins the SSO system; implies server-rebuilt (and mss-lost).
 */
const DAY_MS = 86_400_000;

export type FaultScope = 'failover' | 'single-mss' | 'live-mss' | 'cluster' | 'dr-site' | 'rebuild';

/** The SSO servers a server fault can hit: candidates are the SSO servers other than the MSS, in order. */
export type FaultTargets = {
  sso: LabServer[];
  first: LabServer | undefined;
  last: LabServer | undefined;
  lost: LabServer | undefined;
  has: (fault: string) => boolean;
};

export type GoodSecrets = { systemId: string; current: MasterSecret; previous: MasterSecret };
export type FaultBuild = {
  db: LabDb;
  mss: string;
  sqlHost: string;
  domain: string;
  t0: number;
  msid: string;
};

export type FaultEntry = {
  name: string;
  /** what is wrong in the modelled deployment */
  description: string;
  /** what the operator sees when the runbook meets it */
  symptom: string;
  scope: FaultScope;
  /** changes the servers when the lab is built */
  servers?: (targets: FaultTargets) => void;
  /** the first copy of the backup on every server, instead of the good one (the second copy stays good) */
  backup?: (good: GoodSecrets, password: string, reminder: string) => Buffer;
  /**
   * The routine backup recorded the faulty file itself (the off-box record readiness reads names it): taken
   * `takenAgoMs` before the lab began with the previous secret, which was replaced `generatedAgoMs` before.
   */
  recorded?: { takenAgoMs: number; generatedAgoMs: number };
  /** changes SSODB or the event logs once the servers are saved */
  build?: (build: FaultBuild) => void;
};

/**
 * The one list of lab faults: `lab faults`, `--fault` validation, the lab's build and the docs read it.
 * Names and behaviour are an API: runbooks and tests match on them. Faults whose effect is at run time
 * (sql-unreachable, old-mss-returns, wrong-password, the cluster faults) are read by the lab's tools
 * through `meta.faults`.
 */
export const FAULTS = [
  {
    name: 'mss-lost',
    description: 'The master secret server is powered off.',
    symptom: 'The BizTalk servers keep running on their cached secret: reads work, writes fail.',
    scope: 'single-mss',
    servers: ({ lost, has }) => {
      if (lost) loseServer(lost, has('old-mss-returns'));
    },
  },
  {
    name: 'wrong-password',
    description: "The envelope's password has a typo; the envelope also carries the correction.",
    symptom: 'The restore fails with 0xC0002A1B (event 10779).',
    scope: 'failover',
  },
  {
    name: 'corrupt-backup',
    description:
      'The backup file on the servers is damaged; an intact second copy is listed in the envelope.',
    symptom: 'The restore fails with event 10564.',
    scope: 'failover',
    backup: (good, password, reminder) => {
      const file = Buffer.from(createBackupFile(good, password, reminder));
      // damage the encrypted payload (the last line), keep the header readable
      for (let i = file.length - 40; i < file.length - 20; i++) file[i] = file[i]! ^ 0x5a;
      return file;
    },
  },
  {
    name: 'foreign-backup',
    description:
      'The backup file on the servers comes from another SSO system; a good second copy is listed.',
    symptom: 'The restore fails with 0xC0002A3F (event 10815).',
    scope: 'failover',
    backup: (_good, password, reminder) =>
      createBackupFile({ systemId: randomUUID(), current: generateMasterSecret() }, password, reminder),
  },
  {
    name: 'stale-backup',
    description: 'The backup file holds an older secret of this SSO system; a good second copy is listed.',
    symptom: 'The restore "succeeds" but its MSID does not match SSODB (events 10520, 10783).',
    scope: 'failover',
    backup: (good, password, reminder) =>
      createBackupFile({ systemId: good.systemId, current: good.previous }, password, reminder),
    // within a monthly backup policy, but a day older than the last -generateSecret (readiness: backup-secret)
    recorded: { takenAgoMs: 16 * DAY_MS, generatedAgoMs: 15 * DAY_MS },
  },
  {
    name: 'operator-not-sso-admin',
    description: 'The operator is not in the SSO administrators group.',
    symptom: 'Admin operations fail with 0xC0002A14 (event 10772).',
    scope: 'failover',
    servers: ({ sso }) => {
      for (const server of sso) server.operator.ssoAdmin = false;
    },
  },
  {
    name: 'not-elevated',
    description: "The operator's prompts are not elevated.",
    symptom: 'SSO tools fail with 0xC0002A13; net start/stop with "Access is denied".',
    scope: 'failover',
    servers: ({ sso }) => {
      for (const server of sso) server.operator.elevated = false;
    },
  },
  {
    name: 'service-account-not-admin',
    description:
      'The ENTSSO service account on the first BizTalk server is not in the SSO administrators group.',
    symptom: 'ENTSSO runs now, but a restart fails (event 10550).',
    scope: 'failover',
    servers: ({ first }) => {
      if (first) first.entsso!.accountInSsoAdmins = false;
    },
  },
  {
    name: 'sql-unreachable',
    description: 'SQL01:1433 is unreachable.',
    symptom: 'SSODB operations fail and ENTSSO cannot start (event 10513).',
    scope: 'failover',
  },
  {
    name: 'version-mismatch',
    description: 'ENTSSO on the last BizTalk server was upgraded past SSODB.',
    symptom: 'It runs now, but a restart fails (event 10728).',
    scope: 'failover',
    servers: ({ last }) => {
      if (last) last.entsso!.version = UPGRADED_ENTSSO_VERSION;
    },
  },
  {
    name: 'secret-pickup-stuck',
    description: "The last BizTalk server's periodic secret check is stuck.",
    symptom:
      'It keeps the secret it cached until its ENTSSO restarts (no 10533 after the new MSS has the secret).',
    scope: 'failover',
    servers: ({ last }) => {
      if (last) last.entsso!.pickupStuck = true;
    },
  },
  {
    name: 'slow-service-start',
    description: 'ENTSSO takes about 3 lab minutes to start.',
    symptom: 'net start gives up waiting with NET HELPMSG 2186.',
    scope: 'failover',
    servers: ({ sso }) => {
      for (const server of sso) server.entsso!.startDelayMs = SLOW_ENTSSO_START_MS;
    },
  },
  {
    name: 'old-mss-returns',
    description: 'The lost MSS was cut off, not powered off.',
    symptom: '5 lab minutes after secretServer changes, it comes back still acting as the MSS.',
    scope: 'single-mss',
  },
  {
    name: 'rpc-blocked',
    description: 'A firewall on the first BizTalk server blocks inbound RPC.',
    symptom: 'Nobody can reach its SSO service (0x800706BA; event 10532 if it becomes the MSS).',
    scope: 'failover',
    servers: ({ first }) => {
      if (first) first.rpcBlocked = true;
    },
  },
  {
    name: 'service-account-changed',
    description: 'The MSS is up, but its ENTSSO account was changed without a restore.',
    symptom:
      'The secret in SSOSS no longer decrypts (10565, 10521); writes fail (10783) while the BizTalk servers live on their cached secret. Not a failover: mss-lost is not implied.',
    scope: 'live-mss',
    servers: ({ lost }) => {
      if (lost?.entsso) changeServiceAccount(lost);
    },
    build: logAccountChangeRestart,
  },
  {
    name: 'event-log-rolled',
    description:
      'The Application logs have rolled over: no ENTSSO event from before the drill is left on any server.',
    symptom: 'Checks that read older events find none. Not a failover: mss-lost is not implied.',
    scope: 'live-mss',
    build: ({ db }) => {
      db.prepare('DELETE FROM events').run();
    },
  },
  {
    name: 'cluster-node-lost',
    description:
      'Clustered MSS: the node owning the SSO group is powered off and the group did not fail over (failover threshold used up, 1254).',
    symptom: 'The group is Failed; the BizTalk servers live on their cached secret (writes fail).',
    scope: 'cluster',
  },
  {
    name: 'entsso-outside-cluster',
    description:
      'Clustered MSS: ENTSSO was started as a local service (start type automatic) on the passive node.',
    symptom:
      'Once the group moves there, RPC to the MSS fails with 0x800706D9 (10532) until the resource goes offline and online.',
    scope: 'cluster',
  },
  {
    name: 'site-lost',
    description:
      'The production site is gone (SQL01, the MSS and the BizTalk servers). At the DR site SQL02 holds the log-shipped BizTalk databases, SSODB among them, RESTORING at the set before the mark; the DR SSO servers DRSSO01 (the DR MSS) and DRBTS01 still point at SQL01.',
    symptom:
      'ENTSSO on the DR servers cannot start (10513) until SSODB is restored to the mark and they point at SQL02.',
    scope: 'dr-site',
    build: ({ db }) => buildDrSite(db, readMeta(db), readSsoGlobal(db).dbVersion),
  },
  {
    name: 'ssodb-behind-mark',
    description: 'SSODB on SQL02 is three log backup sets behind the other BizTalk databases.',
    symptom:
      'Restore To Mark fails until the Restore Databases job has caught SSODB up (How to Restore Your Databases).',
    scope: 'dr-site',
  },
  {
    name: 'dr-backup-missing',
    description: 'The master secret backup was never copied to the DR MSS DRSSO01.',
    symptom:
      'The backup check on DRSSO01 fails: without the backup the SSO data at the DR site cannot be decrypted.',
    scope: 'dr-site',
  },
  {
    name: 'server-rebuilt',
    description:
      'The lost MSS is replaced by SSO03, rebuilt from scratch: ENTSSO installed and joined to the SSO system (SQL01, SSODB). It holds no secret and SSODB does not name it.',
    symptom:
      'SSO03 runs ENTSSO without a secret: the rebuild runbook names it in SSODB and restores the secret there.',
    scope: 'rebuild',
    servers: ({ sso }) => rebuildServer(sso.find((s) => s.name === REBUILT_SERVER)),
  },
  {
    name: 'join-wrong-database',
    description: 'The rebuilt SSO03 joined with a wrong SSO database name (SSODB_OLD).',
    symptom:
      'ENTSSO on SSO03 cannot open the SSO database (10513) and stays stopped; ssoconfig -showDB names SSODB_OLD.',
    scope: 'rebuild',
    servers: ({ sso }) =>
      joinWrongly(
        sso.find((s) => s.name === REBUILT_SERVER),
        { ssoDb: 'SSODB_OLD' },
      ),
  },
  {
    name: 'join-wrong-sql-server',
    description: 'The rebuilt SSO03 joined with a wrong SQL Server name (SQL01OLD).',
    symptom:
      'ENTSSO on SSO03 cannot reach the SSO database (10513) and stays stopped; ssoconfig -showDB names SQL01OLD.',
    scope: 'rebuild',
    servers: ({ sso }) =>
      joinWrongly(
        sso.find((s) => s.name === REBUILT_SERVER),
        { sqlServer: 'SQL01OLD' },
      ),
  },
] as const satisfies readonly FaultEntry[];

export type LabFault = (typeof FAULTS)[number]['name'];

/** The registry's entries for these faults, in the registry's order (which is the order they are applied in). */
export function faultEntries(faults: readonly string[]): readonly FaultEntry[] {
  return (FAULTS as readonly FaultEntry[]).filter((entry) => faults.includes(entry.name));
}
