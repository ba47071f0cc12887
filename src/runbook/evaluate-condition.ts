import { interpolate, type Variables } from './interpolate.js';

const FALSY = new Set(['', 'false', 'no', '0']);

/**
 * A step's `when`: `name` (set and not false/no/0), `!name`, `name == text` or `name != text`
 * (text may hold {{placeholders}}; comparison ignores case, as Windows host names do).
 */
export function evaluateCondition(condition: string, variables: Variables): boolean {
  const comparison = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(==|!=)\s*(.*?)\s*$/.exec(condition);
  if (comparison) {
    const [, name, operator, raw] = comparison;
    const left = (variables[name!] ?? '').toLowerCase();
    const right = interpolate(raw!, variables).toLowerCase();
    return operator === '==' ? left === right : left !== right;
  }
  const negated = condition.trim().startsWith('!');
  const name = condition.trim().replace(/^!\s*/, '');
  const truthy = !FALSY.has((variables[name] ?? '').toLowerCase());
  return negated ? !truthy : truthy;
}

/** The variable names a condition reads (for lint). */
export function conditionVariables(condition: string): string[] {
  const comparison = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(==|!=)/.exec(condition);
  if (comparison) return [comparison[1]!];
  return [condition.trim().replace(/^!\s*/, '')];
}
