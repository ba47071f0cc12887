import type { RE2JS } from 're2js';
import { re2Library } from './re2-library.js';

/** Where a pattern matched, and its named groups. */
export type PatternMatch = { index: number; groups: Record<string, string> };

export type Pattern = {
  test(text: string): boolean;
  exec(text: string): PatternMatch | undefined;
};

export type PatternOptions = { ignoreCase?: boolean; multiline?: boolean };

/**
 * Patterns from runbooks and answers (expect, capture, input and event patterns) run on RE2 (re2js),
 * whose matching time grows linearly with the text: a pattern like ^(a+)+$ cannot hang a failover,
 * which JavaScript's backtracking RegExp would (and there a hung match ignores every signal).
 * RE2 has no lookaround and no backreferences; lint rejects patterns that use them.
 * Throws an Error naming the problem when `source` is not a pattern RE2 runs.
 */
export function compilePattern(source: string, options: PatternOptions = {}): Pattern {
  const { RE2JS: re2 } = re2Library();
  const flags = (options.ignoreCase ? re2.CASE_INSENSITIVE : 0) | (options.multiline ? re2.MULTILINE : 0);
  let compiled: RE2JS;
  try {
    compiled = re2.compile(source, flags);
  } catch (error) {
    throw new Error(describeSyntaxError(error));
  }
  const names = Object.keys(compiled.namedGroups());
  return {
    test: (text) => compiled.matcher(text).find(),
    exec(text) {
      const matcher = compiled.matcher(text);
      if (!matcher.find()) return undefined;
      const groups: Record<string, string> = {};
      for (const name of names) {
        const value = matcher.group(name);
        if (value !== null && value !== undefined) groups[name] = value;
      }
      return { index: matcher.start(), groups };
    },
  };
}

// A pattern's verdict depends on its text alone, and runbooks repeat patterns (the same `expect` on every
// server, the same checks in every runbook of a lint run): compiling is ~1/4 of linting 100 runbooks.
const verdicts = new Map<string, string | undefined>();

/** Why `source` is not a pattern RE2 runs, or undefined when it is. */
export function findPatternProblem(source: string): string | undefined {
  if (verdicts.has(source)) return verdicts.get(source);
  let problem: string | undefined;
  try {
    re2Library().RE2JS.compile(source);
  } catch (error) {
    problem = describeSyntaxError(error);
  }
  verdicts.set(source, problem);
  return problem;
}

function describeSyntaxError(error: unknown): string {
  const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
  return `not a regular expression the linear-time engine (RE2) runs: ${detail} (no lookaround, no backreferences)`;
}
