import { conditionVariables } from '../engine/evaluate-condition.js';
import { hasPrimarySource } from './describe-source.js';
import type { Environment } from './environment-schema.js';
import { hostsWithRole } from './hosts-with-role.js';
import { findVariables } from './interpolate.js';
import type { Parsed, Problem } from './parse-yaml.js';
import type { Runbook, Step } from './schema.js';
import { findShellScriptValues } from './shell-script-values.js';
import { walkStrings } from './walk-strings.js';

const BUILT_INS = ['runId', 'environment'];

/** Procedure-safety rules the schema cannot express. Every problem is returned, located. */
export function lintRunbook(
  runbook: Runbook,
  file: string,
  locate: Parsed<Runbook>['locate'],
  environment?: Environment,
): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, preferKey = false) =>
    problems.push({ file, ...locate(path, preferKey), message });
  const secrets = new Set(
    Object.entries(runbook.inputs)
      .filter(([, i]) => i.type === 'secret')
      .map(([k]) => k),
  );
  const known = new Set([...BUILT_INS, ...runbook.environmentVars, ...Object.keys(runbook.inputs)]);
  const seen = new Map<string, Step>();
  checkInputs(runbook.inputs, ['inputs'], report, environment);
  for (const [index, step] of runbook.steps.entries()) {
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
    for (const [key, input] of Object.entries(step.inputs ?? {})) {
      known.add(key);
      if (input.type === 'secret') secrets.add(key);
    }
    checkInputs(step.inputs ?? {}, at('inputs'), report, environment);
    const local = new Set(step.forEach ? [step.forEach.as] : []);
    for (const name of captureNames(step)) known.add(name);
    for (const { path, value } of walkStrings(step)) {
      const names =
        path.at(-1) === 'when' && !value.includes('{{') ? conditionVariables(value) : findVariables(value);
      for (const name of names) {
        if (!known.has(name) && !local.has(name))
          report(
            at(...path),
            `unknown variable {{${name}}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
          );
        if (secrets.has(name) && path.at(-1) !== 'stdin')
          report(
            at(...path),
            `secret {{${name}}} may only be passed on stdin (action.stdin), never in argv, paths, text or conditions`,
          );
      }
    }
    if (!hasPrimarySource(step.sources))
      report(
        at('id'),
        `step "${step.id}" cites no source: add sources: with a Microsoft page ({ title, url }) or { site-practice: <why> }`,
      );
    checkActionRules(step, at, report);
    for (const { path, argv } of walkArgvs(step))
      for (const value of findShellScriptValues(argv)) report(at(...path, value.index), value.message);
    if (step.forEach?.parallel && (step.action || step.inputs)) {
      report(
        at('forEach', 'parallel'),
        `step "${step.id}" runs in parallel, so it may only have checks: no action and no inputs`,
      );
    }
    if (environment) checkHosts(step, at, environment, report);
    seen.set(step.id, step);
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

/** Every command of a step (actions, sequences, rollbacks, checks) with its path. */
function walkArgvs(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; argv: string[] }[] {
  if (Array.isArray(value)) {
    const isArgv = value.length > 0 && value.every((item) => typeof item === 'string');
    const parent = path.at(-1);
    if (isArgv && (parent === 'run' || path.at(-2) === 'sequence'))
      return [{ path, argv: value as string[] }];
    return value.flatMap((item, index) => walkArgvs(item, [...path, index]));
  }
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => walkArgvs(item, [...path, key]));
  return [];
}

type Report = (path: (string | number)[], message: string, preferKey?: boolean) => void;

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
    if (input.type === 'secret' && input.default !== undefined)
      report(
        [...path, key, 'default'],
        `secret input ${key} must not have a default: secrets never sit in runbooks`,
      );
    if (input.from && environment && hostsWithRole(environment, input.from).length === 0)
      report([...path, key, 'from'], `no host in environment "${environment.name}" has role ${input.from}`);
  }
}

/** Variable names a step's capture regexes define (their named groups). */
function captureNames(step: Step): string[] {
  const patterns = [...step.pre, ...step.post].flatMap((check) =>
    'capture' in check ? (check.capture ?? []) : [],
  );
  if (step.action && 'capture' in step.action) patterns.push(...(step.action.capture ?? []));
  if (step.rollback && 'capture' in step.rollback) patterns.push(...(step.rollback.capture ?? []));
  return patterns.flatMap((pattern) =>
    [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9_]*)>/g)].map((m) => m[1]!),
  );
}
