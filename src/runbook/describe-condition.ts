import { interpolateKnown, type Variables } from './interpolate.js';
import { type Condition, conditionVariables, parseCondition } from './parse-condition.js';

const FALSY = new Set(['', 'false', 'no', '0']);

const COMPARE_WORDS: Record<string, string> = {
  '==': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  '=~': 'matches',
  '!~': 'does not match',
  in: 'is one of',
  'not in': 'is none of',
};

function operandWords(node: Condition, variables: Variables): string {
  switch (node.kind) {
    case 'variable':
      return node.name;
    case 'text':
      return interpolateKnown(node.value, variables);
    case 'number':
      return String(node.value);
    case 'boolean':
      return String(node.value);
    case 'list':
      return node.items.map((item) => operandWords(item, variables)).join(', ');
    default:
      return `(${words(node, variables)})`;
  }
}

function words(node: Condition, variables: Variables): string {
  switch (node.kind) {
    case 'variable':
      return `${node.name} is set`;
    case 'not':
      return node.operand.kind === 'variable'
        ? `${node.operand.name} is not set`
        : `not (${words(node.operand, variables)})`;
    case 'and':
    case 'or':
      return `${words(node.left, variables)} ${node.kind} ${words(node.right, variables)}`;
    case 'compare':
      return `${operandWords(node.left, variables)} ${COMPARE_WORDS[node.operator]} ${operandWords(node.right, variables)}`;
    default:
      return operandWords(node, variables);
  }
}

/**
 * A step's `when`, in words: "only when writeTestApp is set", "only when oldMssState is RUNNING". A condition
 * that does not parse (lint reports it) is quoted as written.
 */
export function describeCondition(condition: string, variables: Variables = {}): string {
  try {
    return `only when ${words(parseCondition(condition), variables)}`;
  } catch {
    return `only when "${condition}" holds`;
  }
}

/** What the variables it reads say, in words: "writeTestApp is set (SSO_SmokeTest), mode is not set". */
export function describeConditionState(condition: string, variables: Variables): string {
  const names = conditionNames(condition);
  if (names.length === 0) return `"${condition}" does not hold`;
  // A condition that only asks whether a value is set is answered with "set (value)".
  const presence = /^\s*(!|not\s)?\s*(\{\{)?\s*[A-Za-z][\w.-]*\s*(\}\})?\s*$/.test(condition);
  return names
    .map((name) => {
      const value = variables[name];
      if (value === undefined || FALSY.has(value.toLowerCase())) return `${name} is not set`;
      return presence ? `${name} is set (${value})` : `${name} is ${value}`;
    })
    .join(', ');
}

/** The variables a condition reads (none for one that does not parse). */
export function conditionNames(condition: string): string[] {
  try {
    return [...new Set(conditionVariables(parseCondition(condition)).map((v) => v.name))];
  } catch {
    return [];
  }
}
