import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildLab, type LabPlan } from './build-lab.js';
import { createLabCluster } from './cluster/build-cluster.js';
import { impliesCluster, type LabFault, parseFaults } from './faults/faults.js';
import type { LabCluster } from './cluster/lab-cluster.js';
import { createLabDb, hasLab, INITIAL_DB_FILE, inLabTransaction, LAB_DB_FILE } from './store/lab-db.js';
import { DR_BACKUP_SHARE, DR_SERVERS, DR_SQL_HOST, REBUILT_SERVER } from './dr-site/build-dr-site.js';
import { ENVIRONMENT_FILE, writeLabEnvironment } from './lab-environment.js';
import { LabInputError } from './lab-input-error.js';
import { ENVELOPE_FILE, writeSealedEnvelope } from './secrets/sealed-envelope.js';

export type LabInitOptions = {
  dir: string;
  servers?: string[];
  mss?: string;
  faults?: string[];
  timeScale?: number;
  /** a clustered MSS (also implied by a cluster fault): --servers are then the BizTalk servers */
  cluster?: boolean;
  /** the two cluster nodes, the first owning the SSO group (default SSOCL01, SSOCL02) */
  clusterNodes?: string[];
  /** the environment's two-person rule (policy.approvals.destructive): people a destructive action needs */
  approvals?: number;
};

export type LabInitSummary = {
  dir: string;
  servers: string[];
  mss: string;
  sqlHost: string;
  faults: LabFault[];
  timeScale: number;
  epochMs: number;
  backupPath: string;
  envelopePath: string;
  environmentPath: string;
  cluster?: { networkName: string; group: string; nodes: string[]; ownerNode: string };
};

const STAGING_PREFIX = '.lab-init-';
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,14}$/;
const SQL_HOST = 'SQL01';

function validate(options: LabInitOptions): {
  servers: string[];
  mss: string;
  faults: LabFault[];
  timeScale: number;
  cluster?: LabCluster;
} {
  const faultNames = options.faults ?? [];
  const clustered = options.cluster === true || options.clusterNodes !== undefined;
  const faults = parseFaults(faultNames, { cluster: clustered });
  if (clustered || impliesCluster(faults)) return validateCluster(options, faults);
  const defaults = faults.includes('server-rebuilt')
    ? ['SSO01', 'BTS01', 'BTS02', REBUILT_SERVER]
    : ['SSO01', 'BTS01', 'BTS02'];
  const servers = (options.servers ?? defaults).map((s) => s.trim()).filter(Boolean);
  if (faults.includes('server-rebuilt') && !servers.some((s) => s.toUpperCase() === REBUILT_SERVER))
    throw new LabInputError(`server-rebuilt needs ${REBUILT_SERVER} among --servers (the rebuilt server).`);
  if (faults.includes('site-lost') && servers.some((s) => /^(DRSSO01|DRBTS01|SQL02)$/i.test(s)))
    throw new LabInputError(
      'the DR site adds DRSSO01, DRBTS01 and SQL02: name the production servers otherwise.',
    );
  const bad = servers.find((s) => !HOST_NAME.test(s));
  if (bad !== undefined)
    throw new LabInputError(
      `'${bad}' is not a valid server name (letters, digits, dots, dashes; at most 15).`,
    );
  const names = servers.map((s) => s.toUpperCase());
  if (servers.length === 0 || new Set(names).size !== names.length || names.includes(SQL_HOST)) {
    throw new LabInputError(
      `--servers needs distinct SSO server names other than ${SQL_HOST}, e.g. SSO01,BTS01,BTS02.`,
    );
  }
  const mss =
    options.mss === undefined
      ? servers[0]!
      : servers.find((s) => s.toUpperCase() === options.mss!.toUpperCase());
  if (!mss) throw new LabInputError(`--mss ${options.mss} is not one of --servers (${servers.join(', ')}).`);
  if (faults.length > 0 && servers.length < 2)
    throw new LabInputError('faults need at least two SSO servers (one to lose, one to promote).');
  return { servers, mss, faults, timeScale: validTimeScale(options) };
}

function validTimeScale(options: LabInitOptions): number {
  const timeScale = options.timeScale ?? 60;
  if (!Number.isFinite(timeScale) || timeScale <= 0)
    throw new LabInputError('--time-scale must be a positive number (lab seconds per real second).');
  return timeScale;
}

/** A clustered MSS: two nodes plus the BizTalk servers; SSODB names the cluster network name. */
function validateCluster(options: LabInitOptions, faults: LabFault[]) {
  if (options.mss !== undefined)
    throw new LabInputError('--mss does not apply to a cluster: SSODB names the cluster network name.');
  const trim = (list: string[]) => list.map((s) => s.trim()).filter(Boolean);
  const nodes = trim(options.clusterNodes ?? ['SSOCL01', 'SSOCL02']);
  const biztalk = trim(options.servers ?? ['BTS01', 'BTS02']);
  const servers = [...nodes, ...biztalk];
  const bad = servers.find((s) => !HOST_NAME.test(s));
  if (bad !== undefined)
    throw new LabInputError(
      `'${bad}' is not a valid server name (letters, digits, dots, dashes; at most 15).`,
    );
  const cluster = createLabCluster(nodes);
  const names = [...servers, SQL_HOST, cluster.networkName].map((s) => s.toUpperCase());
  if (nodes.length !== 2 || biztalk.length === 0 || new Set(names).size !== names.length)
    throw new LabInputError(
      `a cluster needs two distinct --cluster-nodes and at least one BizTalk server in --servers, none named ${SQL_HOST} or ${cluster.networkName}.`,
    );
  return { servers, mss: cluster.networkName, faults, timeScale: validTimeScale(options), cluster };
}

function createPassword(): { password: string; reminder: string } {
  const words = ['Harbor', 'Granite', 'Juniper', 'Falcon', 'Meadow', 'Copper'];
  const word = words[randomInt(words.length)]!;
  return {
    password: `${word}-Drill-${randomInt(1000, 9999)}!`,
    reminder: 'Safe word of the integration team, the word Drill, four digits, a bang',
  };
}

/** A typo the operator can't see: one digit off. */
function misspell(password: string): string {
  return password.replace(/(\d)(?=\d*!$)/, (d) => String((Number(d) + 1) % 10));
}

/** Creates a lab folder: lab.sqlite (+ initial.sqlite for reset), environment.yaml, sealed-envelope.txt. */
export function initLab(options: LabInitOptions): LabInitSummary {
  const { servers, mss, faults, timeScale, cluster } = validate(options);
  const dir = resolve(options.dir);
  if (hasLab(dir)) {
    throw new LabInputError(
      `a lab already exists in ${dir}. Run \`sso-failover lab reset --dir ${dir}\` to start it over, or pick another --dir.`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Built in a staging folder and moved in with lab.sqlite last: a lab exists (hasLab) only once complete,
  // so an init killed half-way leaves no lab that status, verify or reset could trip over.
  for (const entry of readdirSync(dir))
    if (entry.startsWith(STAGING_PREFIX)) rmSync(join(dir, entry), { recursive: true, force: true });
  const staging = join(dir, `${STAGING_PREFIX}${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  const epochMs = Date.now();
  const name = `SSO${randomBytes(3).toString('hex').toUpperCase()}.bak`;
  const backupPath = `C:\\SSOBackup\\${name}`;
  const secondBackupPath = `D:\\SSOBackup-Copy\\${name}`;
  const { password, reminder } = createPassword();
  const meta = {
    epochMs,
    timeScale,
    faults,
    domain: 'CONTOSO',
    sqlHost: SQL_HOST,
    operatorUser: 'CONTOSO\\bts-operator',
    initLabMs: epochMs,
    originalMss: mss,
    lastAdvancedMs: epochMs,
    backupPath,
    secondBackupPath,
  };
  const plan: LabPlan = { servers, mss, faults, meta, password, reminder, ...(cluster ? { cluster } : {}) };
  const db = createLabDb(staging);
  try {
    inLabTransaction(db, () => buildLab(db, plan));
    db.exec(`VACUUM INTO '${join(staging, INITIAL_DB_FILE).replace(/'/g, "''")}'`);
  } finally {
    db.close();
  }
  const wrong = faults.includes('wrong-password');
  writeSealedEnvelope(staging, {
    backupPath,
    secondBackupPath,
    password: wrong ? misspell(password) : password,
    reminder,
    correctedPassword: wrong ? password : undefined,
  });
  writeLabEnvironment({
    ...(options.approvals !== undefined ? { approvals: options.approvals } : {}),
    dir,
    into: staging,
    servers,
    mss,
    sqlHost: SQL_HOST,
    domain: 'CONTOSO',
    backupPath,
    timeScale,
    epochMs,
    cluster,
    ...(faults.includes('site-lost')
      ? {
          dr: {
            sqlHost: DR_SQL_HOST,
            servers: [...DR_SERVERS],
            mss: DR_SERVERS[0],
            backupShare: DR_BACKUP_SHARE,
          },
        }
      : {}),
    ...(faults.includes('server-rebuilt') ? { rebuilt: REBUILT_SERVER } : {}),
  });
  const files = readdirSync(staging);
  for (const file of [...files.filter((f) => f !== LAB_DB_FILE), LAB_DB_FILE])
    renameSync(join(staging, file), join(dir, file));
  rmdirSync(staging);
  const environmentPath = join(dir, ENVIRONMENT_FILE);
  return {
    dir,
    servers,
    mss,
    sqlHost: SQL_HOST,
    faults,
    timeScale,
    epochMs,
    backupPath,
    envelopePath: join(dir, ENVELOPE_FILE),
    environmentPath,
    ...(cluster
      ? {
          cluster: {
            networkName: cluster.networkName,
            group: cluster.group,
            nodes: cluster.nodes,
            ownerNode: cluster.ownerNode,
          },
        }
      : {}),
  };
}
