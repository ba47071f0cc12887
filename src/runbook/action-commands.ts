import type { Action, Expect } from './schema.js';

export type ActionCommand = { argv: string[]; expect: Expect };

const EXIT_ZERO: Expect = { exitCode: 0 };

/**
 * The commands an action runs, each with its own expectation: a sequence item `{ run, expect }` says its
 * own; a bare argv expects exit 0, except the last, which the action's `expect` judges.
 */
export function listActionCommands(action: Action): ActionCommand[] {
  if ('manual' in action) return [];
  if ('sequence' in action) {
    const last = action.sequence.length - 1;
    return action.sequence.map((item, index) =>
      Array.isArray(item)
        ? { argv: item, expect: index === last ? action.expect : EXIT_ZERO }
        : { argv: item.run, expect: item.expect },
    );
  }
  return action.run ? [{ argv: action.run, expect: action.expect }] : [];
}
