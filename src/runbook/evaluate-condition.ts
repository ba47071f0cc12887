import type { Variables } from './interpolate.js';
import { type Condition, parseCondition } from './parse-condition.js';

const FALSY = new Set(['', 'false', 'no', '0']);

type Value = string | number | boolean | Value[];

/** A condition that parsed but cannot be judged with these values (`lag < 10` with lag = "n/a"). */
export class ConditionValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionValueError';
  }
}

/**
 * Judge a step's `when:` (the language is in parse-condition.ts). Text compares ignoring case, as Windows
 * host names do; numbers compare as numbers. A variable no step set (captured by an optional check that saw
 * nothing, or by a step that did not run) is empty: `when: name` tests whether it was set.
 */
export function evaluateCondition(text: string, variables: Variables): boolean {
  return isTruthy(evaluate(parseCondition(text), variables));
}

function evaluate(condition: Condition, variables: Variables): Value {
  switch (condition.kind) {
    case 'variable': {
      return variables[condition.name] ?? '';
    }
    case 'text':
    case 'number':
    case 'boolean':
      return condition.value;
    case 'list':
      return condition.items.map((item) => evaluate(item, variables));
    case 'not':
      return !isTruthy(evaluate(condition.operand, variables));
    case 'and':
      return isTruthy(evaluate(condition.left, variables)) && isTruthy(evaluate(condition.right, variables));
    case 'or':
      return isTruthy(evaluate(condition.left, variables)) || isTruthy(evaluate(condition.right, variables));
    case 'compare':
      return compare(
        condition.operator,
        evaluate(condition.left, variables),
        evaluate(condition.right, variables),
      );
  }
}

function compare(
  operator: Extract<Condition, { kind: 'compare' }>['operator'],
  left: Value,
  right: Value,
): boolean {
  switch (operator) {
    case '==':
      return isEqual(left, right);
    case '!=':
      return !isEqual(left, right);
    case 'in':
    case 'not in': {
      const found = (right as Value[]).some((item) => isEqual(left, item));
      return operator === 'in' ? found : !found;
    }
    case '=~':
    case '!~': {
      const matches = new RegExp(String(right), 'i').test(asText(left));
      return operator === '=~' ? matches : !matches;
    }
    default: {
      const [a, b] = [asNumber(left), asNumber(right)];
      if (a === undefined || b === undefined)
        throw new ConditionValueError(
          `"${asText(left)} ${operator} ${asText(right)}" compares numbers, and ${a === undefined ? asText(left) : asText(right)} is not one`,
        );
      return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
    }
  }
}

function isEqual(left: Value, right: Value): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return isTruthy(left) === isTruthy(right);
  const [a, b] = [asNumber(left), asNumber(right)];
  if (a !== undefined && b !== undefined) return a === b;
  return asText(left).toLowerCase() === asText(right).toLowerCase();
}

function asNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function asText(value: Value): string {
  return Array.isArray(value) ? value.map(asText).join(', ') : String(value);
}

function isTruthy(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  return !FALSY.has(value.trim().toLowerCase());
}
