import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import { yamlLibrary as yaml } from './yaml-library.js';

/** One problem in a file, located for editors: `file:line:col message`. */
export type Problem = { file: string; line: number; col: number; message: string };

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.col} ${problem.message}`;
}

export const MAX_YAML_CHARS = 1024 * 1024;
const ANCHOR = /(?:^|[\s[{,:-])&[^\s[\]{},]+/m;

export type Parsed<T> = {
  value?: T;
  /** the document as plain data when it is YAML but not valid against the schema (lint checks what it can) */
  raw?: unknown;
  problems: Problem[];
  /**
   * locate a path (e.g. ['steps', 2, 'action', 'run', 1]) in the source; `offset` is a position inside the
   * string value there (after its opening quote, if any)
   */
  locate(path: readonly PropertyKey[], preferKey?: boolean, offset?: number): { line: number; col: number };
};

/**
 * Parse YAML text and validate it with a zod schema; every problem comes back located, none is thrown.
 * A valid file takes the fast path (js-yaml, about 8× faster); positions come from the `yaml` library's
 * document, built only when a problem needs locating or the fast path fails.
 */
export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S): Parsed<z.infer<S>> {
  // Runbooks, environments and answers are a few dozen KB: a larger file is a mistake or an attack, and
  // parsing and locating its problems would take minutes.
  if (text.length > MAX_YAML_CHARS)
    return {
      problems: [
        {
          file,
          line: 1,
          col: 1,
          message: `the file has ${Math.round(text.length / 1024)} KB; runbooks, environments and answers files are at most ${MAX_YAML_CHARS / 1024} KB. Check that this is the right file.`,
        },
      ],
      locate: () => ({ line: 1, col: 1 }),
    };
  // Anchors take the located path: only the yaml library limits alias expansion (a billion-laughs file).
  const fast = ANCHOR.test(text) ? { success: false as const } : parseFast(text, schema);
  if (fast.success) {
    let located: Parsed<z.infer<S>>['locate'] | undefined;
    const locate: Parsed<z.infer<S>>['locate'] = (path, preferKey, offset) => {
      located ??= parseLocated(text, file, schema).locate;
      return located(path, preferKey, offset);
    };
    return { value: fast.data, problems: [], locate };
  }
  return parseLocated(text, file, schema);
}

function parseFast<S extends z.ZodType>(
  text: string,
  schema: S,
): { success: true; data: z.infer<S> } | { success: false } {
  try {
    // The core schema, as the yaml library uses: no timestamps or other YAML 1.1 surprises.
    const result = schema.safeParse(loadYaml(text, { schema: CORE_SCHEMA }));
    return result.success ? { success: true, data: result.data } : { success: false };
  } catch {
    return { success: false };
  }
}

function parseLocated<S extends z.ZodType>(text: string, file: string, schema: S): Parsed<z.infer<S>> {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const locate = (path: readonly PropertyKey[], preferKey = false, offset = 0) => {
    const node = nodeForPath(doc, path, preferKey);
    const start = node?.range?.[0] ?? 0;
    if (offset === 0) return lineCounter.linePos(start);
    const type = (node as { type?: string } | undefined)?.type;
    const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
    return lineCounter.linePos(start + offset + (quoted ? 1 : 0));
  };
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((error) => ({
    file,
    ...(error.linePos?.[0] ?? { line: 1, col: 1 }),
    message: `${error.code}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  // Duplicate keys still leave a readable document: go on, so the schema's problems are listed too.
  const recoverable = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
  if (!recoverable) return { problems, locate };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The only way toJS fails on a readable document: too many alias expansions. Say so, at the first alias.
    const at = lineCounter.linePos(firstAliasOffset(doc));
    problems.push({
      file,
      ...at,
      message: `${(error as Error).message.includes('alias') ? `aliases (*name) expand more than ${MAX_ALIAS_COUNT} times` : (error as Error).message}: a YAML anchor may be reused at most ${MAX_ALIAS_COUNT} times so that a file cannot balloon when loaded. Write the repeated values out.`,
    });
    return { problems, locate };
  }
  const result = schema.safeParse(data);
  if (result.success && doc.errors.length > 0) return { problems, locate };
  if (result.success) return { value: result.data, problems, locate };
  const raw = data;
  for (const issue of result.error.issues) {
    const unknownKey = issue.code === 'unrecognized_keys';
    const path = unknownKey ? [...issue.path, issue.keys[0]!] : issue.path;
    const where = issue.path.map(String).join('.') || '(root)';
    problems.push({ file, ...locate(path, unknownKey), message: `${where}: ${describeIssue(issue, data)}` });
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { problems, locate, raw };
}

const MAX_ALIAS_COUNT = 100;

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  yaml().visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    },
  });
  return offset;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === 'invalid_union' && 'errors' in issue)
    return describeUnion(issue.errors, valueAt(data, issue.path));
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return `required (${issue.message.replace('Invalid input: ', '').replace(', received undefined', '')})`;
  if (issue.code === 'invalid_type') return describeWrongType(issue.expected, valueAt(data, issue.path));
  const value = valueAt(data, issue.path);
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return scalar ? `${issue.message}; found ${describeValue(value)}` : issue.message;
}

/**
 * A union (the kinds of check, of action) fails as a whole: name the kinds allowed, the one this entry
 * looks like, and what is wrong inside it — `port.port: expected number, found "80x" (text)`.
 */
function describeUnion(options: z.core.$ZodIssue[][], value: unknown): string {
  const kindOf = (issues: z.core.$ZodIssue[]) =>
    issues.find(
      (i) => i.code === 'invalid_type' && i.path.length === 1 && i.message.endsWith('received undefined'),
    )?.path[0];
  const kinds = [
    ...new Set(options.map((issues) => kindOf(issues) ?? issues[0]?.path[0]).filter((k) => k !== undefined)),
  ].map(String);
  const found = isRecord(value)
    ? `found ${Object.keys(value).join(', ') || 'an empty entry'}`
    : `found ${describeValue(value)}`;
  const allowed = kinds.length
    ? `one of: ${kinds.join(', ')} (each with only its own keys)`
    : 'one of its kinds (see the README)';
  const closest = options
    .filter((issues) => kindOf(issues) === undefined)
    .sort((a, b) => a.length - b.length)[0];
  const inner = closest?.[0];
  if (!inner) return `expected ${allowed}; ${found}`;
  const where = inner.path.map(String).join('.');
  const detail =
    inner.code === 'invalid_type'
      ? describeWrongType(inner.expected, valueAt(value, inner.path))
      : inner.code === 'unrecognized_keys'
        ? `unknown key ${inner.keys.join(', ')}`
        : inner.message;
  return `expected ${allowed}; ${found}, and ${where ? `${where}: ` : ''}${detail}`;
}

function describeWrongType(expected: string, value: unknown): string {
  const hint =
    typeof value === 'boolean' && expected === 'string'
      ? ` (YAML reads ${value} as a boolean: quote it, "${value}")`
      : typeof value === 'number' && expected === 'string'
        ? ` (quote it: "${value}")`
        : '';
  return `expected ${expected === 'string' ? 'text' : expected}, found ${describeValue(value)}${hint}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `${JSON.stringify(value)} (text)`;
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return `${String(value)} (${typeof value})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function nodeForPath(doc: Document, path: readonly PropertyKey[], preferKey: boolean): Node | undefined {
  const { isMap, isNode, isScalar, isSeq } = yaml();
  let current: unknown = doc.contents;
  let last: unknown = current;
  for (const [index, segment] of path.entries()) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (isScalar(p.key) ? p.key.value === segment : p.key === segment));
      if (!pair) return last as Node;
      if (preferKey && index === path.length - 1 && isNode(pair.key)) return pair.key;
      last = pair.value ?? pair.key;
      current = pair.value;
      if (!isNode(current)) return (isNode(pair.key) ? pair.key : last) as Node;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (!isNode(item)) return last as Node;
      last = current = item;
    } else return last as Node;
  }
  return current as Node;
}
