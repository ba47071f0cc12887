import { findHostPlatform, type Platform } from './host-platform.js';
import { bindHostVariables } from './host-variables.js';
import { listActionCommands } from './action-commands.js';
import { describeCheck, describeExpect } from './describe-check.js';
import { conditionNames, describeCondition, describeConditionState } from './describe-condition.js';
import { evaluateCondition } from './evaluate-condition.js';
import { describeSource } from './describe-source.js';
import type { Environment } from './environment-schema.js';
import { describeProbeCommand } from './probe-commands.js';
import { hostsWithRole } from './hosts-with-role.js';
import { interpolateArgvKnown, interpolateKnown, type Variables } from './interpolate.js';
import type { Action, Check, Runbook, Step } from './schema.js';

export type PlannedCommand = { host: string; text: string };
/** Whether a run with these values executes the step: `maybe` when its condition reads a value only the run knows. */
export type PlannedRuns = 'yes' | 'no' | 'maybe';

export type PlannedStep = {
  id: string;
  /** the runbook step's place, as the screen numbers it ("Step 16 of 26") */
  number: number;
  total: number;
  /** a step repeated per server: this server and its place among them */
  instance?: { host: string; position: number; count: number };
  /** hosts of the step's role it leaves out, and why (on every instance of a forEach step) */
  skips: { host: string; reason: string }[];
  runs: PlannedRuns;
  /** the `when` in words ("only when writeTestApp is set") */
  condition?: string;
  /** runs = no: what the values say ("writeTestApp is set (SSO_SmokeTest)") */
  notNeeded?: string;
  title: string;
  phase?: string;
  host: string;
  instructions?: string;
  when?: string;
  inputs: string[];
  pre: string[];
  action?: PlannedAction & { confirm: 'yes' | 'no (default)' | 'none' };
  post: string[];
  rollback?: PlannedCommand;
  irreversible?: string;
  /** stops or changes something people rely on: under a two-person policy it needs an approval */
  destructive?: true;
  sources: string[];
};

export type Render = (host: string, argv: readonly string[]) => string;

export type PlannedAction = PlannedCommand & {
  kind: 'run' | 'write' | 'manual';
  stdinNote?: string;
  /** how an operator at the server's console does it instead (the tool's own password prompt) */
  atConsole?: { text: string; note?: string };
};

/**
 * A runbook resolved against an environment, without running anything: hosts, the exact commands
 * as typed on each host, checks and rollbacks. Unknown inputs stay as {{placeholders}}.
 */
export function buildPlan(
  runbook: Runbook,
  environment: Environment,
  variables: Variables,
  render: Render,
): PlannedStep[] {
  const hosts = Object.keys(environment.hosts);
  const defaultHost = hosts.length === 1 ? hosts[0]! : '(no host: add on:)';
  // A probe is shown as the command an operator types on that host: PowerShell on Windows, sh on POSIX.
  const platformOf = (host: string) => findHostPlatform(environment, host) ?? 'windows';
  const total = runbook.steps.length;
  return runbook.steps.flatMap((step, index) => {
    const place = { number: index + 1, total, ...whetherItRuns(step, variables) };
    return expand(step, environment, variables).map(({ step: s, vars, instance, skips }) => ({
      ...place,
      ...(instance ? { instance } : {}),
      skips,
      ...planStep(s, vars, render, defaultHost, platformOf),
    }));
  });
}

/** A step's `when` against the values known before the run; a value only the run reads leaves it open. */
function whetherItRuns(
  step: Step,
  variables: Variables,
): { runs: PlannedRuns; condition?: string; notNeeded?: string } {
  if (!step.when) return { runs: 'yes' };
  const condition = describeCondition(step.when, variables);
  if (conditionNames(step.when).some((name) => !(name in variables))) return { runs: 'maybe', condition };
  try {
    return evaluateCondition(step.when, variables)
      ? { runs: 'yes', condition }
      : { runs: 'no', condition, notNeeded: describeConditionState(step.when, variables) };
  } catch {
    // A condition the run cannot judge goes to the operator there: the plan cannot say either.
    return { runs: 'maybe', condition };
  }
}

type Expanded = {
  step: Step;
  vars: Variables;
  instance?: { host: string; position: number; count: number };
  skips: { host: string; reason: string }[];
};

/** As the engine's expandStep: one instance per host of the role, minus the `except` hosts (named, with why). */
function expand(step: Step, environment: Environment, variables: Variables): Expanded[] {
  if (!step.forEach) return [{ step, vars: variables, skips: [] }];
  const { as, role, except } = step.forEach;
  const exclusions = except.map((text) => ({ text, value: interpolateKnown(text, variables) }));
  const skips: { host: string; reason: string }[] = [];
  const hosts = hostsWithRole(environment, role).filter((host) => {
    const match = exclusions.find((e) => e.value.toLowerCase() === host.toLowerCase());
    if (match) skips.push({ host, reason: `it is ${match.text.replace(/\{\{\s*|\s*\}\}/g, '')}` });
    return !match;
  });
  // An exclusion only the run can resolve: say which server it will leave out.
  for (const open of exclusions.filter((e) => BLANK.test(e.value)))
    skips.push({ host: open.value, reason: 'known once the run reads it' });
  if (hosts.length === 0) return [{ step, vars: { ...variables, [as]: `<each ${role} host>` }, skips }];
  return hosts.map((host, index) => ({
    step: { ...step, id: `${step.id}@${host}` },
    vars: { ...variables, ...bindHostVariables(as, host, environment) },
    instance: { host, position: index + 1, count: hosts.length },
    skips,
  }));
}

const BLANK = /\{\{\s*[A-Za-z][A-Za-z0-9_.-]*\s*\}\}/;

function planStep(
  step: Step,
  v: Variables,
  render: Render,
  defaultHost: string,
  platformOf: (host: string) => Platform,
): Omit<PlannedStep, 'number' | 'total' | 'instance' | 'skips' | 'runs' | 'condition' | 'notNeeded'> {
  const host = step.on ? interpolateKnown(step.on, v) : defaultHost;
  const text = (s: string) => interpolateKnown(s, v);
  return {
    id: step.id,
    title: text(step.title),
    ...(step.phase ? { phase: step.phase } : {}),
    host,
    ...(step.instructions ? { instructions: text(step.instructions).trimEnd() } : {}),
    ...(step.when ? { when: step.when } : {}),
    inputs: Object.entries(step.inputs ?? {}).map(
      ([key, input]) => `${key} (${input.type}): ${text(input.prompt)}`,
    ),
    pre: [
      ...step.pre.map((check) => planCheck(check, host, v, render, platformOf)),
      ...(step.notNeededIf ?? []).map(
        (check) => `not needed if: ${planCheck(check, host, v, render, platformOf)}`,
      ),
    ],
    ...(step.action
      ? { action: { ...planAction(step.action, host, v, render), confirm: confirmOf(step) } }
      : {}),
    post: step.post.map((check) => planCheck(check, host, v, render, platformOf)),
    ...(step.rollback ? { rollback: planAction(step.rollback, host, v, render) } : {}),
    ...(step.irreversible ? { irreversible: step.irreversible } : {}),
    ...(step.destructive ? { destructive: true as const } : {}),
    sources: (step.sources ?? []).map(describeSource),
  };
}

function confirmOf(step: Step): 'yes' | 'no (default)' | 'none' {
  if (step.confirm === false || (step.action && 'manual' in step.action)) return 'none';
  return step.destructive ? 'no (default)' : 'yes';
}

function planAction(action: Action, host: string, v: Variables, render: Render): PlannedAction {
  if ('manual' in action) return { kind: 'manual', host, text: interpolateKnown(action.manual, v) };
  const command = listActionCommands(action)
    .map(({ argv }) => render(host, interpolateArgvKnown(argv, v)))
    .join('\n');
  if ('write' in action) {
    const content = interpolateKnown(action.write.content, v);
    return {
      kind: 'write',
      host,
      text: `write ${interpolateKnown(action.write.path, v)}:\n${content}${command ? `\nthen: ${command}` : ''}`,
    };
  }
  const stdinNote =
    'stdin' in action && action.stdin !== undefined
      ? 'input typed into the command (secrets never shown)'
      : undefined;
  const console =
    'atConsole' in action && action.atConsole
      ? {
          text: render(host, interpolateArgvKnown(action.atConsole.run, v)),
          ...(action.atConsole.note ? { note: interpolateKnown(action.atConsole.note, v) } : {}),
        }
      : undefined;
  return {
    kind: 'run',
    host,
    text: command,
    ...(stdinNote ? { stdinNote } : {}),
    ...(console ? { atConsole: console } : {}),
  };
}

function planCheck(
  check: Check,
  stepHost: string,
  v: Variables,
  render: Render,
  platformOf: (host: string) => Platform,
): string {
  const host = check.on ? interpolateKnown(check.on, v) : stepHost;
  const wait = `${check.wait ? ` (wait up to ${check.wait.timeout}, every ${check.wait.interval})` : ''}${check.when ? ` (${describeCondition(check.when, v)})` : ''}`;
  const platform = platformOf(host);
  const prompt = platform === 'posix' ? '$' : 'PS>';
  // What is checked, then the command on a line of its own: a long command is never run into the text.
  if ('run' in check) {
    const expect = describeExpect({
      ...check.expect,
      ...(check.expect.stdout ? { stdout: interpolateKnown(check.expect.stdout, v) } : {}),
      ...(check.expect.notStdout ? { notStdout: interpolateKnown(check.expect.notStdout, v) } : {}),
    });
    const what = check.label ? interpolateKnown(check.label, v) : 'the command below';
    return `on ${host}: ${what} → ${expect}${wait}\n      ${prompt} ${render(host, interpolateArgvKnown(check.run, v))}`;
  }
  const command = interpolateKnown(describeProbeCommand(check, platform), v);
  return `on ${host}: ${interpolateKnown(describeCheck(check), v)}${wait}\n      ${prompt} ${command}`;
}
