import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { Operator, OperatorMessage, Transport } from '../engine/ports.js';
import { OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { isLockHolderAlive, readProcStart } from '../journal/lock.js';
import type { Environment } from '../runbook/environment-schema.js';
import { findHostPlatform } from '../runbook/host-platform.js';
import { hostsWithRole } from '../runbook/hosts-with-role.js';
import {
  type LeaseOperation,
  leaseCommand,
  leasePath,
  readLeaseAnswer,
} from '../transports/lease-scripts.js';
import { describeLeaseHolder, type LeaseHolder, parseLeaseHolder } from './describe-lease-holder.js';

/** A lease lives this long unless renewed; a run renews it far more often, so a live run never loses it. */
export const LEASE_DURATION_MS = 10 * 60_000;
export const LEASE_RENEW_MS = 2 * 60_000;
// A server that does not answer (the lost MSS) costs at most this, once per run.
const SCRIPT_TIMEOUT_MS = 30_000;

export type HeldLease = { hosts: string[]; release: () => Promise<void> };

export type LeaseOptions = {
  environment: Environment;
  transport: Transport;
  runId: string;
  stateDir: string;
  operator: Operator;
  show: (message: OperatorMessage) => void;
  /** wall clock (tests pass one); leases carry wall-clock instants, whatever the lab's clock says */
  now?: () => number;
  durationMs?: number;
  renewEveryMs?: number;
};

/**
 * One failover per environment, whoever runs it and from wherever: a lease marker created atomically on
 * every SSO server of the environment that answers, in name order, so two runs that reach any server in
 * common cannot both hold it. The lease says who (OS user, machine, pid, run, state folder), since when and
 * until when; the run renews it while it lives and removes it at the end. An expired lease — or one whose
 * process on this computer is gone — is taken over only when the operator confirms; a lease of this same
 * run (a resume after a crash) is taken back without asking.
 */
export async function holdEnvironmentLease(options: LeaseOptions): Promise<HeldLease> {
  const { environment } = options;
  const now = options.now ?? Date.now;
  const duration = options.durationMs ?? LEASE_DURATION_MS;
  const hosts = hostsWithRole(environment, 'sso-server')
    .filter((host) => findHostPlatform(environment, host) === 'windows')
    .sort();
  if (hosts.length === 0) return { hosts: [], release: async () => undefined };
  const path = leasePath(environment.name);
  const token = randomBytes(8).toString('hex');
  const since = new Date(now()).toISOString();
  const lease = (): string =>
    JSON.stringify({
      user: userInfo().username,
      machine: hostname(),
      pid: process.pid,
      procStart: readProcStart(process.pid),
      runId: options.runId,
      stateDir: options.stateDir,
      since,
      expires: new Date(now() + duration).toISOString(),
      token,
    } satisfies LeaseHolder);
  const run = (host: string, operation: LeaseOperation) =>
    runLease(options.transport, environment, host, operation);
  const approved = new Set<string>();
  for (let attempt = 0; attempt < hosts.length + 3; attempt++) {
    const answers = await acquireAll(hosts, (host) =>
      run(host, { op: 'acquire', path, token, lease: lease() }),
    );
    const held = hosts.filter((host) => answers.get(host)?.answer === 'acquired');
    const silent = hosts.filter((host) => answers.has(host) && answers.get(host) === undefined);
    const blocked = hosts.find((host) => answers.get(host)?.answer === 'held');
    const conflict = blocked ? { host: blocked, content: answers.get(blocked)!.rest } : undefined;
    if (!conflict) {
      reportPlacement(options, held, silent, path);
      return keep(options, held, path, token, lease);
    }
    await Promise.all(held.map((host) => run(host, { op: 'release', path, token })));
    const holder = parseLeaseHolder(conflict.content);
    if (!holder)
      throw new OperatorError(
        `environment "${environment.name}" has a lease on ${conflict.host} that cannot be read (${path}): one failover at a time. If no run is under way, delete that file on ${conflict.host} and start again.`,
        ExitCode.failed,
      );
    if (!approved.has(holder.token)) await approveTakeover(options, holder, conflict.host, now());
    approved.add(holder.token);
    await run(conflict.host, { op: 'takeover', path, token, stale: holder.token });
  }
  throw new OperatorError(
    `could not take the lease of environment "${environment.name}": other runs keep taking it. Try again.`,
    ExitCode.failed,
  );
}

/** Refuses a live holder with who, from where, since when and how to watch; asks before taking over a dead one. */
async function approveTakeover(options: LeaseOptions, holder: LeaseHolder, host: string, nowMs: number) {
  const name = options.environment.name;
  const who = describeLeaseHolder(holder);
  if (holder.runId === options.runId) {
    options.show({
      kind: 'info',
      text: `Taking back this run's own lease on the SSO servers (left by its interrupted session).`,
    });
    return;
  }
  const expired = Date.parse(holder.expires) < nowMs;
  const gone = !isLockHolderAlive({
    host: holder.machine,
    pid: holder.pid,
    procStart: holder.procStart,
    since: holder.since,
  });
  if (!expired && !gone) {
    throw new OperatorError(
      `environment "${name}" is held by ${who}: its lease on ${host} is renewed while that run lives (until ${holder.expires} at the latest). One failover at a time: talk to them. Watch that run on ${holder.machine} with \`sso-failover watch ${holder.runId} --state-dir ${holder.stateDir}\`.`,
      ExitCode.failed,
    );
  }
  options.show({
    kind: 'warning',
    text: expired
      ? `Environment "${name}" has an expired lease on ${host} from ${who}: it ran out at ${holder.expires} and nothing renewed it, so that run is no longer running (or lost its way to ${host}). Check with them before you take it over.`
      : `Environment "${name}" has a lease on ${host} from ${who}, and that process is gone from this computer.`,
  });
  const takeOver = await options.operator.confirm({
    stepId: 'take-over-stale-lock',
    message: `Take over the lease of run ${holder.runId}?`,
    destructive: true,
  });
  if (!takeOver)
    throw new OperatorError(`left the lease of ${who} in place; nothing was run.`, ExitCode.failed);
}

function reportPlacement(options: LeaseOptions, held: string[], silent: string[], path: string) {
  if (silent.length > 0 && held.length > 0)
    options.show({
      kind: 'info',
      text: `Lease ${path} placed on ${held.join(', ')}; ${silent.join(', ')} did not answer (a lost server is expected to).`,
    });
  if (held.length === 0)
    options.show({
      kind: 'warning',
      text: `No SSO server of "${options.environment.name}" answered, so no lease was placed: an operator working from another state folder is not kept out. Check that you reach the servers before any change.`,
    });
}

/** Renews the lease on every server that holds it until released; warns when another run took one over. */
function keep(
  options: LeaseOptions,
  hosts: string[],
  path: string,
  token: string,
  lease: () => string,
): HeldLease {
  let busy = false;
  const renew = async () => {
    if (busy) return;
    busy = true;
    try {
      const answers = await Promise.all(
        hosts.map((host) =>
          runLease(options.transport, options.environment, host, {
            op: 'renew',
            path,
            token,
            lease: lease(),
          }),
        ),
      );
      for (const [index, host] of hosts.entries()) {
        const answer = answers[index];
        if (!answer)
          options.show({
            kind: 'warning',
            text: `Could not renew the lease of this run on ${host} (it did not answer). If it stays out of reach for ${Math.round((options.durationMs ?? LEASE_DURATION_MS) / 60_000)} minutes, another operator may take the lease over there.`,
          });
        else if (answer.answer === 'lost' || answer.answer === 'gone')
          options.show({
            kind: 'warning',
            text: `The lease of this run on ${host} is ${answer.answer === 'gone' ? 'gone' : `now held by ${describeLeaseHolder(parseLeaseHolder(answer.rest))}`}: another run may act on this environment. Finish the step at hand, then talk to them before the next change.`,
          });
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void renew(), options.renewEveryMs ?? LEASE_RENEW_MS);
  timer.unref();
  let released = false;
  return {
    hosts,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      await Promise.all(
        hosts.map((host) =>
          runLease(options.transport, options.environment, host, { op: 'release', path, token }),
        ),
      );
    },
  };
}

type LeaseAnswer = Awaited<ReturnType<typeof runLease>>;

/**
 * Asks each host for the lease. The first host that answers is the gate, asked alone, in the same order by
 * every run: two runs starting together meet there and one of them stops at once, before it holds anything
 * elsewhere. Once the gate is held, the others are asked at once (a lab or WinRM round trip each, which one
 * after the other made a 20-server environment wait seconds). A host that was not asked has no entry.
 */
async function acquireAll(
  hosts: readonly string[],
  acquire: (host: string) => Promise<LeaseAnswer>,
): Promise<Map<string, LeaseAnswer>> {
  const answers = new Map<string, LeaseAnswer>();
  let gate = 0;
  for (; gate < hosts.length; gate++) {
    const answer = await acquire(hosts[gate]!);
    answers.set(hosts[gate]!, answer);
    if (answer !== undefined) break;
  }
  if (answers.get(hosts[gate]!)?.answer !== 'acquired') return answers;
  const rest = hosts.slice(gate + 1);
  const more = await Promise.all(rest.map(acquire));
  for (const [index, host] of rest.entries()) answers.set(host, more[index]);
  return answers;
}

async function runLease(
  transport: Transport,
  environment: Environment,
  host: string,
  operation: LeaseOperation,
) {
  const platform = findHostPlatform(environment, host);
  const argv = platform ? leaseCommand(operation, platform) : undefined;
  if (!argv) return undefined;
  const result = await transport.exec(host, argv, { timeoutMs: SCRIPT_TIMEOUT_MS });
  return readLeaseAnswer(result.stdout);
}
