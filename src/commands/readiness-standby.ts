import { type CheckContext, type CheckResult, runCheck } from '../engine/checks.js';
import type { Clock, Transport } from '../engine/ports.js';
import type { Environment } from '../runbook/environment-schema.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import type { Check } from '../runbook/schema.js';
import { fail, pass, type ReadinessFinding } from './readiness-finding.js';

/**
 * The designate runbook's own pre-flight, read from the shipped runbook (not written twice): ENTSSO
 * running, the operator's rights, SQL Server, the same SSODB, the SSO administrators group SSODB names,
 * ENTSSO under a domain account and the same account as the MSS.
 */
const DESIGNATE = 'designate-new-master-secret-server';
const PREFLIGHT_STEPS = [
  'choose-new-mss',
  'check-operator-rights',
  'check-candidate-platform',
  'read-current-mss',
  'preflight-every-host',
] as const;

type Context = { environment: Environment; transport: Transport; clock: Clock };

/** The SSO servers that could be promoted: every sso-server but the current MSS (and cluster nodes). */
export function listStandbys(environment: Environment): string[] {
  const mss = (environment.vars.currentMss ?? '').toLowerCase();
  return Object.entries(environment.hosts)
    .filter(([, host]) => host.roles.includes('sso-server') && !host.roles.includes('mss-node'))
    .map(([name]) => name)
    .filter((name) => name.toLowerCase() !== mss);
}

/** At least one standby passes every pre-flight check of the designate runbook. */
export async function checkStandbys(context: Context): Promise<ReadinessFinding> {
  const standbys = listStandbys(context.environment);
  if (standbys.length === 0)
    return fail(
      'standby',
      `no standby SSO server in ${context.environment.name}: only ${context.environment.vars.currentMss ?? 'the MSS'} has the role sso-server.`,
      'Join a second server to the SSO system (Configuration.exe, "Join an existing SSO system") and give it the role sso-server in the environment file; without one there is nothing to promote.',
      { value: 0, hosts: [] },
    );
  const checks = preflightChecks();
  // read while the standbys are checked: only their last check needs it
  const account = readMssAccount(context, checks);
  const hosts = await Promise.all(
    standbys.map(async (host) => {
      const failed = await runPreflight(context, checks, host, account);
      return { host, ok: !failed, detail: failed ? `${failed.label}: ${failed.observed}` : 'ready' };
    }),
  );
  const ready = hosts.filter((h) => h.ok).map((h) => h.host);
  const extra = { value: ready.length, hosts };
  if (ready.length > 0)
    return pass(
      'standby',
      `${ready.join(', ')} could become master secret server now (designate pre-flight passed).`,
      extra,
    );
  const why = hosts.map((h) => `${h.host}: ${h.detail}`).join('; ');
  return fail(
    'standby',
    `no standby could become master secret server now — ${why}.`,
    'Fix what the first failed check names on one server at least (its advice: sso-failover plan designate-new-master-secret-server --env <file>), then run readiness again.',
    extra,
  );
}

function preflightChecks(): { step: string; check: Check }[] {
  const { runbook } = loadRunbook(DESIGNATE);
  return PREFLIGHT_STEPS.flatMap((id) => {
    const step = runbook.steps.find((s) => s.id === id);
    return (step?.pre ?? []).filter((check) => check.optional !== true).map((check) => ({ step: id, check }));
  });
}

function checkContext(context: Context, host: string, variables: Record<string, string>): CheckContext {
  return {
    transport: context.transport,
    host,
    variables,
    stepStartMs: context.clock.now(),
    clock: context.clock,
    timeoutMs: 60_000,
  };
}

/** The account ENTSSO runs under on the MSS: the one every standby must share ("the existing" account). */
async function readMssAccount(context: Context, checks: { check: Check }[]): Promise<string | undefined> {
  const mss = context.environment.vars.currentMss;
  const capture = checks.find(
    ({ check }) => 'run' in check && check.capture?.some((c) => c.includes('entssoUser')),
  );
  if (!mss || !capture || !context.environment.hosts[mss]) return undefined;
  const result = await runCheck(capture.check, checkContext(context, mss, variables(context, mss)));
  return result.ok ? result.captured.entssoUser : undefined;
}

function variables(context: Context, host: string): Record<string, string> {
  const { environment } = context;
  return { ...environment.vars, environment: environment.name, newMss: host, server: host };
}

/** The checks in the runbook's order; the first that fails is the answer (later ones need its captures). */
async function runPreflight(
  context: Context,
  checks: { check: Check }[],
  host: string,
  mssAccount: Promise<string | undefined>,
): Promise<CheckResult | undefined> {
  const vars = variables(context, host);
  for (const { check } of checks) {
    const result = await runCheck(check, checkContext(context, host, vars));
    if (!result.ok) return result;
    Object.assign(vars, result.captured);
    // compare with the MSS's account when it could be read (the candidate's own otherwise)
    const account = result.captured.entssoUser ? await mssAccount : undefined;
    if (account) vars.entssoUser = account;
  }
  return undefined;
}
