/**
 * The condition language of a step's `when:` (documented in the README's runbook format):
 *
 *   expr    := or
 *   or      := and (("or" | "||") and)*
 *   and     := not (("and" | "&&") not)*
 *   not     := ("not" | "!") not | compare
 *   compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "=~" | "!~" | "in" | "not in") operand)?
 *   operand := "(" expr ")" | "[" operand ("," operand)* "]" | 'text' | "text" | number | true | false
 *            | name | {{name}}
 *
 * A name (or {{name}}) is a variable; text is quoted. A condition that does not parse is a located problem
 * (lint), never a silent "false".
 */
export type Condition =
  | { kind: 'variable'; name: string; offset: number }
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'list'; items: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'compare'; operator: CompareOperator; left: Condition; right: Condition };

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~' | 'in' | 'not in';

/** A condition that does not parse; offset is where in the condition text the problem is. */
export class ConditionSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ConditionSyntaxError';
    this.offset = offset;
  }
}

type Token = { type: 'op' | 'word' | 'text' | 'number' | 'variable' | 'end'; value: string; offset: number };

const OPERATORS = ['==', '!=', '<=', '>=', '=~', '!~', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ','];
const NAME = /^[A-Za-z][A-Za-z0-9_.-]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const placeholder = /^\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/.exec(rest);
    if (placeholder) {
      tokens.push({ type: 'variable', value: placeholder[1]!, offset: i });
      i += placeholder[0].length;
      continue;
    }
    if (rest[0] === "'" || rest[0] === '"') {
      const end = text.indexOf(rest[0], i + 1);
      if (end === -1) throw new ConditionSyntaxError(`text opened with ${rest[0]} is never closed`, i);
      tokens.push({ type: 'text', value: text.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?(?![A-Za-z0-9_.])/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: number[0], offset: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ type: 'word', value: name[0], offset: i });
      i += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (!operator) throw new ConditionSyntaxError(`unexpected "${rest[0]}"`, i);
    tokens.push({ type: 'op', value: operator, offset: i });
    i += operator.length;
  }
  tokens.push({ type: 'end', value: '', offset: text.length });
  return tokens;
}

/** Parse a `when:` condition; throws ConditionSyntaxError with the offset of the problem. */
export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position]!;
  const next = () => tokens[position++]!;
  const isWord = (token: Token, word: string) => token.type === 'word' && token.value === word;
  const isOp = (token: Token, op: string) => token.type === 'op' && token.value === op;
  const describe = (token: Token) => (token.type === 'end' ? 'the end' : `"${token.value}"`);

  const parseOr = (): Condition => {
    let left = parseAnd();
    while (isWord(peek(), 'or') || isOp(peek(), '||')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Condition => {
    let left = parseNot();
    while (isWord(peek(), 'and') || isOp(peek(), '&&')) {
      next();
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): Condition => {
    if (isWord(peek(), 'not') || isOp(peek(), '!')) {
      next();
      return { kind: 'not', operand: parseNot() };
    }
    return parseCompare();
  };
  const parseCompare = (): Condition => {
    const left = parseOperand();
    const token = peek();
    let operator: CompareOperator | undefined;
    if (token.type === 'op' && ['==', '!=', '<', '<=', '>', '>=', '=~', '!~'].includes(token.value))
      operator = token.value as CompareOperator;
    else if (isWord(token, 'in')) operator = 'in';
    else if (isWord(token, 'not') && isWord(tokens[position + 1]!, 'in')) {
      next();
      operator = 'not in';
    }
    if (!operator) return left;
    next();
    const right = parseOperand();
    if ((operator === 'in' || operator === 'not in') && right.kind !== 'list')
      throw new ConditionSyntaxError(
        `"${operator}" needs a list on its right, e.g. ['a', 'b']`,
        token.offset,
      );
    if ((operator === '=~' || operator === '!~') && right.kind !== 'text')
      throw new ConditionSyntaxError(`"${operator}" needs a quoted pattern on its right`, token.offset);
    if (right.kind === 'text' && (operator === '=~' || operator === '!~')) verifyRegex(right.value, token);
    return { kind: 'compare', operator, left, right };
  };
  const verifyRegex = (pattern: string, at: Token) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      throw new ConditionSyntaxError(
        `not a valid regular expression: ${(error as Error).message}`,
        at.offset,
      );
    }
  };
  const parseOperand = (): Condition => {
    const token = next();
    if (isOp(token, '(')) {
      const inner = parseOr();
      const close = next();
      if (!isOp(close, ')'))
        throw new ConditionSyntaxError(`expected ")" but found ${describe(close)}`, close.offset);
      return inner;
    }
    if (isOp(token, '[')) {
      const items = [parseOperand()];
      while (isOp(peek(), ',')) {
        next();
        items.push(parseOperand());
      }
      const close = next();
      if (!isOp(close, ']'))
        throw new ConditionSyntaxError(`expected "]" but found ${describe(close)}`, close.offset);
      return { kind: 'list', items };
    }
    if (token.type === 'text') return { kind: 'text', value: token.value };
    if (token.type === 'number') return { kind: 'number', value: Number(token.value) };
    if (token.type === 'variable') return { kind: 'variable', name: token.value, offset: token.offset };
    if (token.type === 'word' && (token.value === 'true' || token.value === 'false'))
      return { kind: 'boolean', value: token.value === 'true' };
    if (token.type === 'word' && !['and', 'or', 'not', 'in'].includes(token.value))
      return { kind: 'variable', name: token.value, offset: token.offset };
    throw new ConditionSyntaxError(
      `expected a name, 'text', a number or "(" but found ${describe(token)}`,
      token.offset,
    );
  };

  const condition = parseOr();
  const rest = peek();
  if (rest.type !== 'end') {
    const hint = rest.type === 'word' ? ` (quote text with spaces: '…'; join conditions with and / or)` : '';
    throw new ConditionSyntaxError(`unexpected ${describe(rest)}${hint}`, rest.offset);
  }
  return condition;
}

/** Every variable a condition reads, with its offset in the text (for lint). */
export function conditionVariables(condition: Condition): { name: string; offset: number }[] {
  switch (condition.kind) {
    case 'variable':
      return [{ name: condition.name, offset: condition.offset }];
    case 'list':
      return condition.items.flatMap(conditionVariables);
    case 'not':
      return conditionVariables(condition.operand);
    case 'and':
    case 'or':
    case 'compare':
      return [...conditionVariables(condition.left), ...conditionVariables(condition.right)];
    default:
      return [];
  }
}
