import { LabInputError } from './lab-input-error.js';

/** Named faults and their one-line symptom. Names and behaviour are an API: runbooks and tests match on them. */
export const LAB_FAULTS = {
  'mss-lost':
    'The master secret server is powered off; the BizTalk servers keep running on their cached secret (reads work, writes fail).',
  'wrong-password':
    "The envelope's password has a typo (restore fails with 0xC0002A1B/10779); the envelope also carries the correction.",
  'corrupt-backup':
    'The backup file on the servers is damaged (restore fails with 10564); an intact second copy is listed in the envelope.',
  'foreign-backup':
    'The backup file on the servers comes from another SSO system (restore fails with 0xC0002A3F/10815); a good second copy is listed.',
  'stale-backup':
    'The backup file holds an older secret: restore "succeeds" but its MSID does not match SSODB (10520, 10783); a good second copy is listed.',
  'operator-not-sso-admin':
    'The operator is not in SSO Administrators: admin operations fail with 0xC0002A14 (10772).',
  'not-elevated':
    'The operator\'s prompts are not elevated: SSO tools fail with 0xC0002A13, net start/stop with "Access is denied".',
  'service-account-not-admin':
    'The ENTSSO service account on the first BizTalk server is not in SSO Administrators: ENTSSO runs now but a restart fails (10550).',
  'sql-unreachable': 'SQL01:1433 is unreachable: SSODB operations fail and ENTSSO cannot start (10513).',
  'version-mismatch':
    'ENTSSO on the last BizTalk server was upgraded past SSODB: it runs now but a restart fails (10728).',
  'secret-pickup-stuck':
    "The last BizTalk server's periodic secret check is stuck: it keeps the secret it cached until its ENTSSO restarts (no 10533 after the new MSS has the secret).",
  'event-log-rolled':
    'The Application logs have rolled over: no ENTSSO event from before the drill is left on any server. Not a failover: mss-lost is not implied.',
  'slow-service-start':
    'ENTSSO takes about 3 lab minutes to start (net start gives up waiting with NET HELPMSG 2186).',
  'old-mss-returns':
    'The lost MSS was cut off, not powered off: 5 lab minutes after secretServer changes it comes back still acting as MSS.',
  'rpc-blocked':
    'A firewall on the first BizTalk server blocks inbound RPC: nobody can reach its SSO service (0x800706BA, 10532 if it becomes MSS).',
  'service-account-changed':
    'The MSS is up, but its ENTSSO account was changed without a restore: the secret in SSOSS no longer decrypts (10565, 10521); writes fail (10783) while the BizTalk servers live on their cached secret. Not a failover: mss-lost is not implied.',
  'cluster-node-lost':
    'Clustered MSS: the node owning the SSO group is powered off and the group did not fail over (failover threshold used up, 1254): it is Failed, the BizTalk servers live on their cached secret (writes fail). Implies the cluster; mss-lost is not implied.',
  'entsso-outside-cluster':
    'Clustered MSS: ENTSSO was started as a local service (start type automatic) on the passive node; once the group moves there, RPC to the MSS fails with 0x800706D9 (10532) until the resource goes offline and online. Implies the cluster; mss-lost is not implied.',
  'site-lost':
    'Disaster-recovery scenario: the production site is gone (SQL01, the MSS and the BizTalk servers); SQL02 at the DR site holds the log-shipped BizTalk databases, SSODB among them, still RESTORING before the mark; the DR SSO servers DRSSO01 (the DR MSS) and DRBTS01 still point at SQL01. mss-lost is not implied.',
  'ssodb-behind-mark':
    'DR site: SSODB on SQL02 is three log backup sets behind the other BizTalk databases; Restore To Mark fails until the Restore Databases job catches it up (How to Restore Your Databases). Implies site-lost.',
  'dr-backup-missing':
    'DR site: the master secret backup was never copied to the DR MSS DRSSO01; without it the SSO data at the DR site cannot be decrypted. Implies site-lost.',
  'server-rebuilt':
    'The lost MSS is replaced by SSO03, a server rebuilt from scratch on which ENTSSO was installed and joined to the SSO system (SQL01, SSODB); it holds no secret and SSODB does not name it. Implies mss-lost.',
  'join-wrong-database':
    'The rebuilt SSO03 joined with a wrong SSO database name (SSODB_OLD): its ENTSSO cannot open the SSO database (10513) and stays stopped. Implies server-rebuilt.',
  'join-wrong-sql-server':
    'The rebuilt SSO03 joined with a wrong SQL Server name (SQL01OLD): its ENTSSO cannot reach the SSO database (10513) and stays stopped. Implies server-rebuilt.',
} as const;

export type LabFault = keyof typeof LAB_FAULTS;

export function isLabFault(name: string): name is LabFault {
  return Object.hasOwn(LAB_FAULTS, name);
}

/** Faults that are a scenario of their own on a live MSS: with one of them, mss-lost is not implied. */
const LIVE_MSS_FAULTS: readonly LabFault[] = ['service-account-changed', 'event-log-rolled'];

/** Faults of a clustered MSS: they imply the cluster, and never mss-lost (the cluster has its own loss). */
export const CLUSTER_FAULTS: readonly LabFault[] = ['cluster-node-lost', 'entsso-outside-cluster'];

/** Faults of the disaster-recovery site: they imply site-lost, never mss-lost (the whole site is gone). */
export const DR_FAULTS: readonly LabFault[] = ['site-lost', 'ssodb-behind-mark', 'dr-backup-missing'];

/** Faults of a rebuilt server joining the SSO system: they imply server-rebuilt (and so mss-lost). */
const REBUILD_FAULTS: readonly LabFault[] = [
  'server-rebuilt',
  'join-wrong-database',
  'join-wrong-sql-server',
];

export function impliesDrSite(faults: readonly LabFault[]): boolean {
  return faults.some((fault) => DR_FAULTS.includes(fault));
}

/** Faults that model a single, unclustered MSS going away. */
const SINGLE_MSS_FAULTS: readonly LabFault[] = ['mss-lost', 'old-mss-returns'];

export function impliesCluster(faults: readonly LabFault[]): boolean {
  return faults.some((fault) => CLUSTER_FAULTS.includes(fault));
}

/**
 * Validates fault names; every fault implies mss-lost (a failover drill) unless a live-MSS scenario is
 * named or the lab is a cluster (whose MSS is lost with cluster-node-lost).
 */
export function parseFaults(names: readonly string[], options: { cluster?: boolean } = {}): LabFault[] {
  const faults = new Set<LabFault>();
  for (const name of names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean)) {
    if (!isLabFault(name)) {
      throw new LabInputError(
        `unknown fault '${name}'. Run \`sso-failover lab faults\` to list the fault names.`,
      );
    }
    faults.add(name);
  }
  const cluster = options.cluster === true || impliesCluster([...faults]);
  const single = SINGLE_MSS_FAULTS.find((fault) => faults.has(fault));
  if (cluster && single)
    throw new LabInputError(
      `${single} models a single master secret server; on a clustered MSS use cluster-node-lost instead.`,
    );
  if (impliesDrSite([...faults])) {
    if (cluster || faults.has('mss-lost'))
      throw new LabInputError(
        'the DR-site faults model losing the whole production site; they do not combine with mss-lost or a cluster.',
      );
    faults.add('site-lost');
    return [...faults].sort();
  }
  if (REBUILD_FAULTS.some((fault) => faults.has(fault))) faults.add('server-rebuilt');
  const liveMss = LIVE_MSS_FAULTS.some((fault) => faults.has(fault));
  if (faults.size > 0 && !liveMss && !cluster) faults.add('mss-lost');
  return [...faults].sort();
}
