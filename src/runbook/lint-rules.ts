import { ConditionSyntaxError, conditionVariables, parseCondition } from './parse-condition.js';
import type { Environment } from './environment-schema.js';
import { findHostPlatform, PROBES_BY_PLATFORM } from './host-platform.js';
import { hostsWithRole } from './hosts-with-role.js';
import { findVariables } from './interpolate.js';
import type { Parsed, Problem } from './parse-yaml.js';
import { findPowerShellNameProblem } from './powershell-name-problem.js';
import type { Runbook, Step } from './schema.js';
import { findShellScriptValues } from './shell-script-values.js';
import { captureNames, namedGroups, variablesNeeded } from './step-variables.js';
import type { PartialRunbook } from './partial-runbook.js';
import { walkArgvs } from './walk-argvs.js';
import { walkStrings } from './walk-strings.js';
import { mayRunOnWindows } from './windows-hosts.js';

const BUILT_INS = ['runId', 'environment'];
/** Fields holding regular expressions, where `{{name | regex}}` means "this value is a pattern". */
const PATTERN_FIELDS = new Set(['stdout', 'stderr', 'notStdout', 'message']);

/**
 * Procedure-safety rules the schema cannot express. Every problem is returned, located. `platform` is
 * the jump host's (where local steps run): a test lints as if on Windows.
 */
export function lintRunbook(
  runbook: Runbook,
  file: string,
  locate: Parsed<Runbook>['locate'],
  environment?: Environment,
  platform: NodeJS.Platform = process.platform,
  partial?: PartialRunbook['partial'],
): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, preferKey = false, offset = 0) =>
    problems.push({ file, ...locate(path, preferKey, offset), message });
  const secrets = new Set(
    Object.entries(runbook.inputs)
      .filter(([, i]) => i.type === 'secret')
      .map(([k]) => k),
  );
  const known = new Set([
    ...BUILT_INS,
    ...runbook.environmentVars,
    ...Object.keys(runbook.inputs),
    ...inputCaptureNames(runbook.inputs),
    ...(partial?.alsoKnown ?? []),
  ]);
  const seen = new Map<string, Step>();
  // Earlier steps by the names they capture, kept as the loop goes (not recomputed for every variable).
  const capturedBy = new Map<string, Step[]>();
  checkInputs(runbook.inputs, ['inputs'], report, environment);
  for (const [position, step] of runbook.steps.entries()) {
    // In a partial runbook (schema problems elsewhere) a step keeps its place in the file.
    const index = partial?.stepIndexes[position] ?? position;
    const at = (...rest: (string | number)[]) => ['steps', index, ...rest];
    if (seen.has(step.id))
      report(
        at('id'),
        `duplicate step id "${step.id}": step ids must be unique (resume and answers files use them)`,
      );
    for (const [n, required] of (step.requires ?? []).entries()) {
      if (!seen.has(required))
        report(at('requires', n), `step "${required}" is referenced but not defined before this step`);
    }
    for (const name of inputCaptureNames(step.inputs ?? {})) known.add(name);
    for (const [key, input] of Object.entries(step.inputs ?? {})) {
      known.add(key);
      if (input.type === 'secret') secrets.add(key);
    }
    checkInputs(step.inputs ?? {}, at('inputs'), report, environment);
    const local = new Set(step.forEach ? [step.forEach.as] : []);
    const captures = captureNames(step);
    for (const name of captures) known.add(name);
    for (const { path, value } of walkStrings(step)) {
      if (/\|\s*regex\s*\}\}/.test(value) && !PATTERN_FIELDS.has(String(path.at(-1))))
        report(
          at(...path),
          '{{name | regex}} is for patterns only (expect stdout/stderr/notStdout, event message); write {{name}} here',
        );
      const isCondition = path.at(-1) === 'when';
      const found = isCondition
        ? readCondition(value, at(...path), report)
        : findVariables(value).map((name) => ({ name, offset: 0 }));
      for (const { name, offset } of found) {
        if (
          !known.has(name) &&
          !local.has(name) &&
          !isHostVariable(name, step, environment, report, at(...path))
        )
          report(
            at(...path),
            isCondition
              ? `unknown variable ${name} in the condition: if it is text, quote it ('${name}'); if it is a value, define it as an input, a capture of an earlier step, or list it in environmentVars`
              : `unknown variable {{${name}}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
            false,
            offset,
          );
        if (secrets.has(name) && path.at(-1) !== 'stdin')
          report(
            at(...path),
            `secret {{${name}}} may only be passed on stdin (of an action or a check), never in argv, paths, text or conditions`,
          );
      }
    }
    checkConditionalCaptures(step, capturedBy, at, report);
    checkActionRules(step, at, report);
    const onWindows = mayRunOnWindows(step, platform, environment);
    for (const { path, argv } of walkArgvs(step)) {
      for (const value of findShellScriptValues(argv)) report(at(...path, value.index), value.message);
      const nameProblem = onWindows ? findPowerShellNameProblem(argv[0]!) : undefined;
      if (nameProblem) report(at(...path, 0), nameProblem);
    }
    if (step.forEach?.parallel && (step.action || step.inputs)) {
      report(
        at('forEach', 'parallel'),
        `step "${step.id}" runs in parallel, so it may only have checks: no action and no inputs`,
      );
    }
    if (environment) {
      checkHosts(step, at, environment, report);
      checkProbePlatforms(step, { ...runbook.inputs, ...step.inputs }, at, environment, report);
    }
    seen.set(step.id, step);
    for (const name of new Set(captures)) capturedBy.set(name, [...(capturedBy.get(name) ?? []), step]);
  }
  if (environment) {
    for (const name of runbook.environmentVars) {
      if (environment.vars[name] === undefined)
        report(
          ['environmentVars'],
          `environment "${environment.name}" does not define ${name} (add it under vars:)`,
        );
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * `{{server.port}}` in a forEach step (`as: server`): a host's own value. With an environment, every host
 * the step runs on must define it.
 */
function isHostVariable(
  name: string,
  step: Step,
  environment: Environment | undefined,
  report: Report,
  path: (string | number)[],
): boolean {
  const as = step.forEach?.as;
  if (!as || !name.startsWith(`${as}.`)) return false;
  const key = name.slice(as.length + 1);
  if (environment) {
    const lacking = hostsWithRole(environment, step.forEach!.role).filter(
      (host) => environment.hosts[host]?.vars?.[key] === undefined,
    );
    if (lacking.length)
      report(
        path,
        `{{${name}}}: host(s) ${lacking.join(', ')} of environment "${environment.name}" define no ${key} under vars:`,
      );
  }
  return true;
}

/** Variables an input's capture regexes define (host:port → host, port). */
function inputCaptureNames(inputs: Runbook['inputs']): string[] {
  return Object.values(inputs).flatMap((input) => (input.capture ?? []).flatMap(namedGroups));
}

type Report = (path: (string | number)[], message: string, preferKey?: boolean, offset?: number) => void;

/** The variables a `when:` reads; a condition that does not parse is reported where it goes wrong. */
function readCondition(
  text: string,
  path: (string | number)[],
  report: Report,
): { name: string; offset: number }[] {
  try {
    return conditionVariables(parseCondition(text));
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    report(
      path,
      `condition "${text}" does not parse: ${error.message}. Write e.g. mode == 'primary' and not dryRun (see the README's condition language)`,
      false,
      error.offset,
    );
    return [];
  }
}

function checkActionRules(
  step: Step,
  at: (...rest: (string | number)[]) => (string | number)[],
  report: Report,
): void {
  const action = step.action;
  if (!action) return;
  const changesSomething = !('manual' in action);
  if (changesSomething && step.post.length === 0)
    report(
      at('action'),
      `step "${step.id}" has an action but no post-check: add post: checks that prove it worked`,
      true,
    );
  if (!step.rollback && !step.irreversible)
    report(
      at('action'),
      `step "${step.id}" has an action but neither rollback: nor irreversible: <reason>`,
      true,
    );
  if ('interactive' in action && action.interactive && action.stdin !== undefined)
    report(
      at('action', 'stdin'),
      'an interactive action reads the terminal; it cannot also take stdin',
      true,
    );
}

/**
 * A value captured by a conditional step is not set when that step is not needed. A step that uses it
 * without the same condition may run without it (the run then asks the operator): say so at lint time.
 */
function checkConditionalCaptures(
  step: Step,
  capturedBy: ReadonlyMap<string, readonly Step[]>,
  at: (...rest: (string | number)[]) => (string | number)[],
  report: Report,
): void {
  for (const name of variablesNeeded(step)) {
    const capturing = capturedBy.get(name) ?? [];
    if (capturing.length === 0) continue;
    const always = capturing.some((s) => !s.when || s.when === step.when);
    if (always) continue;
    const which = capturing.map((s) => `"${s.id}" (when: ${s.when})`).join(' or ');
    report(
      at('id'),
      `step "${step.id}" uses {{${name}}}, captured only by ${which}: when that step is not needed the value is missing and the run stops to ask for it. Give this step the same when:, or capture the value in a step that always runs`,
    );
  }
}

/** A typed probe on a host whose platform cannot answer it fails at run time: refuse it at lint time. */
function checkProbePlatforms(
  step: Step,
  inputs: Runbook['inputs'],
  at: (...rest: (string | number)[]) => (string | number)[],
  environment: Environment,
  report: Report,
): void {
  const stepHosts = hostsOfStep(step, inputs, environment);
  for (const phase of ['pre', 'post'] as const) {
    for (const [index, check] of step[phase].entries()) {
      if ('run' in check) continue;
      const kind = PROBE_KINDS.find((k) => k in check)!;
      const hosts = check.on ? (check.on.includes('{{') ? [] : [check.on]) : stepHosts;
      for (const host of hosts) {
        const platform = findHostPlatform(environment, host);
        if (!platform || PROBES_BY_PLATFORM[platform].includes(kind)) continue;
        report(
          at(phase, index, kind),
          `${kind === 'event' ? 'an' : 'a'} ${kind} check cannot be answered on ${host}, a ${platform === 'posix' ? 'POSIX' : 'Windows'} host; its checks can be ${PROBES_BY_PLATFORM[platform].join(', ')} or run: (e.g. journalctl for log entries)`,
        );
      }
    }
  }
}

const PROBE_KINDS = ['service', 'file', 'port', 'event', 'registry'] as const;

/**
 * The hosts a step may run on: a literal on:, a forEach role, or an input chosen from a role
 * (`on: "{{newMss}}"` with `newMss: { type: host, from: sso-server }`).
 */
function hostsOfStep(step: Step, inputs: Runbook['inputs'], environment: Environment): string[] {
  if (step.forEach && step.on === `{{${step.forEach.as}}}`)
    return hostsWithRole(environment, step.forEach.role);
  const chosen = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(step.on ?? '')?.[1];
  const from = chosen ? inputs[chosen]?.from : undefined;
  if (from) return hostsWithRole(environment, from);
  if (step.on) return step.on.includes('{{') ? [] : [step.on];
  const all = Object.keys(environment.hosts);
  return all.length === 1 ? all : [];
}

function checkHosts(
  step: Step,
  at: (...rest: (string | number)[]) => (string | number)[],
  environment: Environment,
  report: Report,
): void {
  const hosts = new Set(Object.keys(environment.hosts).map((h) => h.toLowerCase()));
  const literal = (value: string | undefined) => value !== undefined && !value.includes('{{');
  if (literal(step.on) && !hosts.has(step.on!.toLowerCase()))
    report(at('on'), `host ${step.on} is not in environment "${environment.name}"`);
  if (step.forEach && hostsWithRole(environment, step.forEach.role).length === 0)
    report(
      at('forEach', 'role'),
      `no host in environment "${environment.name}" has role ${step.forEach.role}`,
    );
}

function checkInputs(
  inputs: Runbook['inputs'],
  path: (string | number)[],
  report: Report,
  environment?: Environment,
): void {
  for (const [key, input] of Object.entries(inputs)) {
    if (input.type === 'choice' && !input.choices)
      report([...path, key], `input ${key} is a choice but lists no choices`, true);
    if (input.type === 'secret' && input.capture)
      report(
        [...path, key, 'capture'],
        `secret input ${key} cannot be split with capture: its parts would be journaled in clear text`,
      );
    if (input.type === 'secret' && input.default !== undefined)
      report(
        [...path, key, 'default'],
        `secret input ${key} must not have a default: secrets never sit in runbooks`,
      );
    if (input.from && environment && hostsWithRole(environment, input.from).length === 0)
      report([...path, key, 'from'], `no host in environment "${environment.name}" has role ${input.from}`);
  }
}
