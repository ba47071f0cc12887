import { interpolateKnown, type Variables } from './interpolate.js';

const FALSY = new Set(['', 'false', 'no', '0']);

type Parsed =
  | { kind: 'compare'; name: string; equal: boolean; text: string }
  | { kind: 'set'; name: string; negated: boolean };

/** The same grammar as the engine's evaluateCondition: `name`, `!name`, `name == text`, `name != text`. */
function parse(condition: string): Parsed {
  const comparison = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(==|!=)\s*(.*?)\s*$/.exec(condition);
  if (comparison)
    return { kind: 'compare', name: comparison[1]!, equal: comparison[2] === '==', text: comparison[3]! };
  const trimmed = condition.trim();
  return { kind: 'set', name: trimmed.replace(/^!\s*/, ''), negated: trimmed.startsWith('!') };
}

/** A step's `when`, in words: "only when writeTestApp is set", "only when oldMssState is RUNNING". */
export function describeCondition(condition: string, variables: Variables = {}): string {
  const parsed = parse(condition);
  if (parsed.kind === 'compare')
    return `only when ${parsed.name} is ${parsed.equal ? '' : 'not '}${interpolateKnown(parsed.text, variables)}`;
  return `only when ${parsed.name} is ${parsed.negated ? 'not set' : 'set'}`;
}

/** What the variables say, in words, to explain why a step is not needed: "writeTestApp is set (SSO_SmokeTest)". */
export function describeConditionState(condition: string, variables: Variables): string {
  const parsed = parse(condition);
  const value = variables[parsed.name];
  if (parsed.kind === 'compare')
    return value === undefined || value === '' ? `${parsed.name} is not set` : `${parsed.name} is ${value}`;
  return value === undefined || FALSY.has(value.toLowerCase())
    ? `${parsed.name} is not set`
    : `${parsed.name} is set (${value})`;
}

/** The variable a condition reads (the same for every form). */
export function conditionVariable(condition: string): string {
  return parse(condition).name;
}
