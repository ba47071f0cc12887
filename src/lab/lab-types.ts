import type { ServiceState } from '../engine/ports.js';
import type { LabFault } from './faults/faults.js';

/** A master secret: its id (MSID, a braced GUID) and the AES-256 key, hex. */
export type MasterSecret = { msid: string; key: string };

/** The secret an SSO service holds in memory, and where it came from. */
export type SecretCache = { current: MasterSecret; previous?: MasterSecret; from: string; fetchedAt: number };

export type OperatorRights = { localAdmin: boolean; ssoAdmin: boolean; elevated: boolean };

export type Entsso = {
  state: Exclude<ServiceState, 'missing'>;
  since: number;
  startDoneAt?: number;
  startDelayMs: number;
  /** the version of ENTSSO.exe installed; checked against SSODB at start */
  version: string;
  account: string;
  accountInSsoAdmins: boolean;
  /**
   * The SQL Server and SSO database this server's ENTSSO uses (set by the configuration's join, or
   * ssoconfig -setDB); undefined: the lab's SQL Server and SSODB.
   */
  sqlServer?: string;
  ssoDb?: string;
  /** the Secret sub-service runs: chosen at start, when SSODB named this server */
  secretServerActive: boolean;
  cache?: SecretCache;
  lastCheckAt?: number;
  /** 10532 already logged for this secret server name (one event per outage, not one per poll) */
  secretWarnedFor?: string;
  /** event id of the last failed start, shown by net start */
  lastError?: number;
  /** ssoconfig -setSSL: SSL to SSODB from this server (10501 at start) or not (10611); the lab seeds yes */
  ssl?: boolean;
  /** secret-pickup-stuck: the periodic secret check does nothing until ENTSSO restarts */
  pickupStuck?: boolean;
  /** sc config entsso start= disabled: no start is possible */
  disabled?: boolean;
  /** start type other than automatic (sc qc); cluster nodes leave the start to the cluster: demand */
  startType?: 'auto' | 'demand' | 'delayed-auto';
  /** started by the cluster's Generic Service resource, not as a local service */
  underCluster?: boolean;
  /**
   * The cluster attached to a service that was already running locally: the "SSOSecretServer" RPC
   * interface is not registered for the network name (0x800706D9, reference §5, F15).
   */
  rpcEndpointMissing?: boolean;
};

export type LabServer = {
  name: string;
  kind: 'sso' | 'sql';
  reachable: boolean;
  unreachableReason?: string;
  rpcBlocked: boolean;
  operator: OperatorRights;
  entsso?: Entsso;
  /** BizTalk host instance BTSSvc$BizTalkServerApplication, on BizTalk servers */
  hostInstance?: 'running' | 'stopped';
  /** the other services that depend on ENTSSO on BizTalk servers (another host instance, the Rule Engine Update Service), by name */
  dependents?: Record<string, 'running' | 'stopped'>;
  /** ssomanage -server (current user) and -serverall (all users) */
  ssoServerUser?: string;
  ssoServerAll?: string;
};

export type LabMeta = {
  epochMs: number;
  timeScale: number;
  faults: LabFault[];
  domain: string;
  sqlHost: string;
  operatorUser: string;
  initLabMs: number;
  originalMss: string;
  lastAdvancedMs: number;
  oldMssReturnAt?: number;
  backupPath: string;
  secondBackupPath: string;
};

export type LabExecResult = { exitCode: number; stdout: string; stderr: string };
