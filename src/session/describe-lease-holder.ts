/** What a lease marker on an SSO server says about the run that holds the environment. */
export type LeaseHolder = {
  /** OS user and machine the holding run started from */
  user: string;
  machine: string;
  pid: number;
  procStart?: string | undefined;
  runId: string;
  /** the holding run's state folder on its machine: where its journal can be watched */
  stateDir: string;
  since: string;
  /** the lease is void after this instant unless renewed (ISO, the holder's clock) */
  expires: string;
  /** tells the holder's own lease apart from another's, for renew, release and takeover */
  token: string;
};

/** The lease in a marker's text, or undefined when it is not one (damaged, or written by something else). */
export function parseLeaseHolder(text: string | undefined): LeaseHolder | undefined {
  try {
    const value = JSON.parse(text ?? '') as Partial<LeaseHolder>;
    const strings = ['user', 'machine', 'runId', 'stateDir', 'since', 'expires', 'token'] as const;
    if (strings.some((key) => typeof value[key] !== 'string') || typeof value.pid !== 'number')
      return undefined;
    return value as LeaseHolder;
  } catch {
    return undefined;
  }
}

/** "alice@JUMP01 (run X, pid 4242, state folder /home/alice/.local/state/sso-failover) since 2026-…". */
export function describeLeaseHolder(holder: LeaseHolder | undefined): string {
  if (!holder) return 'an unreadable lease';
  return `${holder.user}@${holder.machine} (run ${holder.runId}, pid ${holder.pid}, state folder ${holder.stateDir}) since ${holder.since}`;
}
