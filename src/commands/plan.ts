import { createChalk, reflow } from '../operator/format-message.js';
import { buildPlan, type PlannedStep } from '../runbook/build-plan.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { type Assumption, resolvePlanVariables } from '../runbook/plan-variables.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { createEnvironment } from './load-environment-option.js';
import { describeSchedule, formatSchedule } from './describe-schedule.js';
import { parseVars, refuseSecretVars } from './parse-vars.js';
import { approvalsNeeded } from '../runbook/approval-policy.js';

export type PlanCommandOptions = { env?: string; var?: string[]; json?: boolean };

/** A dry run: prints what would happen, host by host. It builds no process and touches no host. */
export async function planCommand(reference: string, options: PlanCommandOptions): Promise<number> {
  const { runbook } = loadRunbook(reference);
  const environment = createEnvironment(options.env);
  const vars = parseVars(options.var);
  refuseSecretVars(runbook, vars);
  const transport = createEnvironmentTransport(environment);
  const { variables, assumed } = resolvePlanVariables(
    runbook,
    { ...environment.vars, environment: environment.name },
    vars,
  );
  const steps = buildPlan(runbook, environment, variables, (h, a) => transport.render(h, a));
  const schedule = describeSchedule(runbook, variables, options.env);
  if (options.json) {
    const json = planJson(runbook.id, environment.name, assumed, steps, approvalsNeeded(environment.policy));
    process.stdout.write(`${JSON.stringify({ ...json, ...(schedule ? { schedule } : {}) })}\n`);
    return 0;
  }
  const c = createChalk(process.stdout);
  const lines = [
    c.bold(`${runbook.title} (${runbook.id})`),
    `${runbook.summary.trim()}`,
    `Environment: ${environment.name}${environment.drill ? ' (drill)' : ''} · RTO ${runbook.rto} · ${countLine(runbook.steps.length, steps)} · nothing below has been run`,
    `Sources: ${runbook.sources.join('; ')}`,
  ];
  if (assumed.length)
    lines.push('', c.bold('Assumed until the run reads them:'), ...assumed.map(describeAssumption));
  const inputs = Object.entries(runbook.inputs).map(
    ([k, i]) =>
      `  ${k} (${i.type}${i.from ? ` from ${i.from}` : ''}): ${i.prompt}${k in vars ? ` — given: ${vars[k]}` : ''}`,
  );
  if (inputs.length) lines.push('', c.bold('Asked at the start:'), ...inputs);
  const approvals = approvalsNeeded(environment.policy);
  let phase: string | undefined;
  for (const step of steps) {
    if (step.phase && step.phase !== phase) {
      phase = step.phase;
      lines.push('', c.bold.underline(phase));
    }
    lines.push(...formatStep(step, c, approvals));
  }
  if (schedule) lines.push('', c.bold.underline('Schedule'), ...formatSchedule(schedule));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** "26 steps; a run with these values executes 30 on their hosts (1 only if …), 1 not needed". */
/**
 * Counted as the screen numbers steps: a step repeated per server is one step ("27 of them"); how many
 * times it runs on servers is said apart, never as more steps than the runbook has.
 */
function countLine(total: number, steps: PlannedStep[]): string {
  const count = (runs: PlannedStep['runs']) =>
    new Set(steps.filter((s) => s.runs === runs).map((s) => s.number)).size;
  const parts: string[] = [];
  const onServers = steps.filter((s) => s.runs === 'yes').length;
  const yes = count('yes');
  parts.push(
    `a run with these values executes ${yes} of them${onServers > yes ? ` (${onServers} times, counting each server of a step repeated per server)` : ''}`,
  );
  const maybe = count('maybe');
  if (maybe) parts.push(`${maybe} more only if a value read during the run says so`);
  const no = count('no');
  if (no) parts.push(`${no} not needed`);
  return `${total} steps; ${parts.join(', ')}`;
}

function describeAssumption(a: Assumption): string {
  return `  ${a.name} = ${a.value}${a.readBy ? ` (step ${a.readBy} reads it; the run uses what it reads; --var ${a.name}=… to plan another value)` : ''}`;
}

function formatStep(step: PlannedStep, c: ReturnType<typeof createChalk>, approvals: number): string[] {
  const where = step.instance ? `, ${step.instance.position} of ${step.instance.count} servers` : '';
  const host = step.host.startsWith('(no host') ? 'you, by hand' : step.host;
  const heading = `${step.number}. ${step.title}`;
  if (step.runs === 'no')
    return [
      '',
      c.dim(`${heading}  [${step.id}] — not needed here: ${step.notNeeded}; it runs ${step.condition}`),
    ];
  const out = ['', c.bold(heading) + c.dim(`  [${step.id}] on ${host}${where}`)];
  if (step.skips.length && (!step.instance || step.instance.position === 1))
    out.push(`   skips: ${step.skips.map((s) => `${s.host} (${s.reason})`).join(', ')}`);
  if (step.condition)
    out.push(
      `   ${step.runs === 'maybe' ? 'runs ' : ''}${step.condition}${step.runs === 'maybe' ? ', which the run reads' : ''}`,
    );
  if (step.instructions)
    out.push(
      ...reflow(step.instructions)
        .split('\n')
        .map((l) => c.dim(`   ${l}`)),
    );
  for (const input of step.inputs) out.push(`   asks: ${input}`);
  for (const check of step.pre) out.push(`   before: ${check}`);
  if (step.action) {
    const label = step.action.kind === 'manual' ? 'by hand' : `do (confirm: ${step.action.confirm})`;
    out.push(`   ${label}:`, `     ${indent(c.yellow(step.action.text))}`);
    if (step.action.stdinNote) out.push(`     ${step.action.stdinNote}`);
    // The environment's two-person rule: the run waits here for other accounts (sso-failover approve).
    if (step.destructive && approvals > 0)
      out.push(
        `   waits for approval by ${approvals === 1 ? 'a second person' : `${approvals} other people`} (policy.approvals; \`sso-failover approve\` from their own account)`,
      );
  }
  for (const check of step.post) out.push(`   after: ${check}`);
  if (step.rollback) out.push('   rollback:', `     ${indent(step.rollback.text)}`);
  if (step.irreversible) out.push(`   irreversible: ${step.irreversible}`);
  if (step.sources.length) out.push(c.dim(`   sources: ${step.sources.join('; ')}`));
  return out;
}

function indent(text: string): string {
  return text.split('\n').join('\n     ');
}

/** `plan --json`: the steps and hosts a run with these values executes, for scripts and tests. */
function planJson(
  runbook: string,
  environment: string,
  assumed: Assumption[],
  steps: PlannedStep[],
  approvals: number,
) {
  return {
    runbook,
    environment,
    assumed,
    steps: steps.map((s) => ({
      id: s.id,
      number: s.number,
      total: s.total,
      host: s.host,
      runs: s.runs,
      ...(s.instance ? { instance: s.instance } : {}),
      ...(s.skips.length ? { skips: s.skips } : {}),
      ...(s.condition ? { condition: s.condition } : {}),
      ...(s.notNeeded ? { notNeeded: s.notNeeded } : {}),
      // approvals by other people the action waits for (the environment's two-person rule)
      ...(s.destructive && s.action && approvals > 0 ? { approvals } : {}),
    })),
  };
}
