import { describeSource } from './describe-source.js';
import { describeCheck, describeExpect } from '../engine/describe-check.js';
import type { Environment } from './environment-schema.js';
import { describeProbeCommand } from './probe-commands.js';
import { hostsWithRole } from './hosts-with-role.js';
import { interpolateArgvKnown, interpolateKnown, type Variables } from './interpolate.js';
import type { Action, Check, Runbook, Step } from './schema.js';

export type PlannedCommand = { host: string; text: string };
export type PlannedStep = {
  id: string;
  title: string;
  phase?: string;
  host: string;
  instructions?: string;
  when?: string;
  inputs: string[];
  pre: string[];
  action?: PlannedCommand & {
    kind: 'run' | 'write' | 'manual';
    stdinNote?: string;
    confirm: 'yes' | 'no (default)' | 'none';
  };
  post: string[];
  rollback?: PlannedCommand;
  irreversible?: string;
  sources: string[];
};

export type Render = (host: string, argv: readonly string[]) => string;

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
  return runbook.steps.flatMap((step) =>
    expand(step, environment, variables).map(({ step: s, vars }) => planStep(s, vars, render, defaultHost)),
  );
}

function expand(
  step: Step,
  environment: Environment,
  variables: Variables,
): { step: Step; vars: Variables }[] {
  if (!step.forEach) return [{ step, vars: variables }];
  const { as, role, except } = step.forEach;
  const excluded = except.map((text) => interpolateKnown(text, variables).toLowerCase());
  const hosts = hostsWithRole(environment, role).filter((h) => !excluded.includes(h.toLowerCase()));
  if (hosts.length === 0) return [{ step, vars: { ...variables, [as]: `<each ${role} host>` } }];
  return hosts.map((host) => ({
    step: { ...step, id: `${step.id}@${host}` },
    vars: { ...variables, [as]: host },
  }));
}

function planStep(step: Step, v: Variables, render: Render, defaultHost: string): PlannedStep {
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
      ...step.pre.map((check) => planCheck(check, host, v, render)),
      ...(step.notNeededIf ?? []).map((check) => `not needed if: ${planCheck(check, host, v, render)}`),
    ],
    ...(step.action
      ? { action: { ...planAction(step.action, host, v, render), confirm: confirmOf(step) } }
      : {}),
    post: step.post.map((check) => planCheck(check, host, v, render)),
    ...(step.rollback ? { rollback: planAction(step.rollback, host, v, render) } : {}),
    ...(step.irreversible ? { irreversible: step.irreversible } : {}),
    sources: (step.sources ?? []).map(describeSource),
  };
}

function confirmOf(step: Step): 'yes' | 'no (default)' | 'none' {
  if (step.confirm === false || (step.action && 'manual' in step.action)) return 'none';
  return step.destructive ? 'no (default)' : 'yes';
}

function planAction(
  action: Action,
  host: string,
  v: Variables,
  render: Render,
): PlannedCommand & { kind: 'run' | 'write' | 'manual'; stdinNote?: string } {
  if ('manual' in action) return { kind: 'manual', host, text: interpolateKnown(action.manual, v) };
  const commands = 'sequence' in action ? action.sequence : action.run ? [action.run] : [];
  const command = commands.map((argv) => render(host, interpolateArgvKnown(argv, v))).join('\n');
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
  return { kind: 'run', host, text: command, ...(stdinNote ? { stdinNote } : {}) };
}

function planCheck(check: Check, stepHost: string, v: Variables, render: Render): string {
  const host = check.on ? interpolateKnown(check.on, v) : stepHost;
  const wait = check.wait ? ` (wait up to ${check.wait.timeout}, every ${check.wait.interval})` : '';
  if ('run' in check) {
    const expect = describeExpect({
      ...check.expect,
      ...(check.expect.stdout ? { stdout: interpolateKnown(check.expect.stdout, v) } : {}),
    });
    return `on ${host}: ${render(host, interpolateArgvKnown(check.run, v))} → ${expect}${wait}`;
  }
  const command = interpolateKnown(describeProbeCommand(check), v);
  return `on ${host}: ${interpolateKnown(describeCheck(check), v)}${wait}\n      PS> ${command}`;
}
