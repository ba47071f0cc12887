import { UnknownVariableError, type Variables } from './interpolate.js';
import { PLACEHOLDER } from './placeholder.js';

/** Characters with a meaning in a JavaScript regular expression. */
const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

export function escapeRegex(value: string): string {
  return value.replace(SPECIAL, '\\$&');
}

/**
 * Interpolate a regular expression (expect.stdout, an event message, …). A value is matched as the literal
 * text it is — `10.0.0.1` matches only that address, `user(1` is not a broken pattern — unless the runbook
 * asks for it as a pattern with `{{name | regex}}`.
 */
export function interpolatePattern(pattern: string, variables: Variables): string {
  return pattern.replace(PLACEHOLDER, (_, name: string, filter: string | undefined) => {
    const value = variables[name];
    if (value === undefined) throw new UnknownVariableError(name, pattern);
    return filter === 'regex' ? value : escapeRegex(value);
  });
}

/** A pattern built from a value the runbook asked to use as a regex may still be invalid: say so plainly. */
export function verifyPattern(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern, 'im');
  } catch (error) {
    throw new PatternError(`${where}: ${(error as Error).message}`);
  }
}

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}
