import type { Environment, ReadinessPolicy } from '../runbook/environment-schema.js';
import type { DrillRecord } from '../report/drill-history.js';
import { cliCommandLine } from '../session/cli-invocation.js';
import { listDrills } from './drills.js';
import { fail, pass, type ReadinessFinding } from './readiness-finding.js';

const DAY_MS = 86_400_000;
const DEFAULT_DRILL_MAX_AGE_DAYS = 90;

/** The shipped runbooks that replace a lost master secret server: one per topology. */
export const FAILOVER_RUNBOOKS = ['designate-new-master-secret-server', 'clustered-mss-failover'] as const;

/** The runbooks whose drills an environment is held to: its policy's list, else the failover runbook of its topology. */
export function drillRunbooksFor(environment: Environment): string[] {
  if (environment.policy?.drillRunbooks) return environment.policy.drillRunbooks;
  const clustered = Object.values(environment.hosts).some((h) => h.roles.includes('mss-node'));
  return [clustered ? 'clustered-mss-failover' : 'designate-new-master-secret-server'];
}

function newestPassing(drills: readonly DrillRecord[], runbookId: string): DrillRecord | undefined {
  return drills
    .filter((d) => d.runbookId === runbookId && d.passed)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

/** One finding per runbook: its last passing drill is younger than the policy. */
export function checkDrills(environment: Environment, stateDir: string, nowMs: number): ReadinessFinding[] {
  const maxDays = environment.policy?.drillMaxAgeDays ?? DEFAULT_DRILL_MAX_AGE_DAYS;
  const drills = listDrills(stateDir);
  return drillRunbooksFor(environment).map((runbookId) => {
    const id = `drill:${runbookId}`;
    const practise = `Practise it: ${cliCommandLine(['drill', '--runbook', runbookId])} (with --state-dir ${stateDir} if that is not your default).`;
    const last = newestPassing(drills, runbookId);
    if (!last) return fail(id, `no passing drill of ${runbookId} in ${stateDir}.`, practise);
    const ageMs = Math.max(0, nowMs - Date.parse(last.startedAt));
    const days = (ageMs / DAY_MS).toFixed(1);
    const what = `the last passing drill of ${runbookId} was ${days} days ago (${last.startedAt.slice(0, 10)}, run ${last.runId})`;
    return ageMs <= maxDays * DAY_MS
      ? pass(id, `${what}; policy: at most ${maxDays}.`, { value: Math.round(ageMs / 1000) })
      : fail(id, `${what}; the policy allows ${maxDays}.`, practise, { value: Math.round(ageMs / 1000) });
  });
}

/**
 * The one line `run` and `drill` print before a failover runbook starts when its last passing drill is
 * older than the policy (or there is none); undefined when it is recent or the runbook is not a failover one.
 */
export function drillReminder(
  runbookId: string,
  stateDir: string,
  policy: ReadinessPolicy | undefined,
  nowMs: number,
  /** said before a drill: the way on is this very drill, not another command */
  inDrill = false,
): string | undefined {
  if (!(FAILOVER_RUNBOOKS as readonly string[]).includes(runbookId)) return undefined;
  const maxDays = policy?.drillMaxAgeDays ?? DEFAULT_DRILL_MAX_AGE_DAYS;
  const last = newestPassing(listDrills(stateDir), runbookId);
  if (last && nowMs - Date.parse(last.startedAt) <= maxDays * DAY_MS) return undefined;
  const since = last
    ? `the last passing drill of ${runbookId} was ${Math.floor((nowMs - Date.parse(last.startedAt)) / DAY_MS)} days ago`
    : `no passing drill of ${runbookId} is on record here`;
  if (inDrill)
    return `Reminder: ${since} (policy: every ${maxDays} days); this drill puts one on record if it passes.`;
  return `Reminder: ${since} (policy: every ${maxDays} days). Practise it: ${cliCommandLine(['drill', '--runbook', runbookId])}`;
}
