import { findVariables } from './interpolate.js';
import type { Runbook, Step } from './schema.js';
import { walkStrings } from './walk-strings.js';

/** Variable names a step's capture regexes define (their named groups). */
export function captureNames(step: Step): string[] {
  const patterns = [...step.pre, ...step.post].flatMap((check) =>
    'capture' in check ? (check.capture ?? []) : [],
  );
  if (step.action && 'capture' in step.action) patterns.push(...(step.action.capture ?? []));
  if (step.rollback && 'capture' in step.rollback) patterns.push(...(step.rollback.capture ?? []));
  return patterns.flatMap(namedGroups);
}

export function namedGroups(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
}

/**
 * Variables a step reads that must be set before it runs: its host, checks, action and rollback — not its
 * condition (a value no step set is empty there), nor those it defines itself (its inputs, its forEach name,
 * its own captures).
 */
export function variablesNeeded(step: Step): string[] {
  const own = new Set([
    ...Object.keys(step.inputs ?? {}),
    ...Object.values(step.inputs ?? {}).flatMap((input) => (input.capture ?? []).flatMap(namedGroups)),
    ...(step.forEach ? [step.forEach.as] : []),
    ...captureNames(step),
  ]);
  const names = new Set<string>();
  const { on, action, rollback } = step;
  // A check with its own `when:` needs its values only when it applies: the engine judges that then.
  const pre = step.pre.filter((check) => !check.when);
  const post = step.post.filter((check) => !check.when);
  for (const { value } of walkStrings({ on, pre, action, post, rollback }))
    for (const name of findVariables(value)) names.add(name);
  // `{{server.port}}`: a host's own value, bound with the host by forEach.
  const bound = step.forEach ? `${step.forEach.as}.` : undefined;
  return [...names].filter((name) => !own.has(name) && !(bound && name.startsWith(bound)));
}

/** The variables a check reads that are not set: a check with a `when:` is judged with them when it applies. */
export function unsetCheckVariables(check: object, variables: Record<string, string>): string[] {
  const names = walkStrings(check).flatMap(({ value }) => findVariables(value));
  return [...new Set(names.filter((name) => variables[name] === undefined))];
}

/** The steps that capture a variable, in runbook order. */
export function findCapturingSteps(runbook: Runbook, name: string): Step[] {
  return runbook.steps.filter((step) => captureNames(step).includes(name));
}
