import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { listShippedRunbookFiles, shippedRunbooksDir } from './shipped-runbooks.js';
import { lintRunbook } from './lint-rules.js';
import { formatProblem, type Parsed, parseYaml, type Problem } from './parse-yaml.js';
import { readTextFile } from './read-text-file.js';
import { type Runbook, RunbookSchema } from './schema.js';

export { listShippedRunbookFiles, shippedRunbooksDir };

/** A path, or the id of a shipped runbook (`designate-new-master-secret-server`). */
export function resolveRunbookPath(reference: string): string {
  if (existsSync(reference)) return reference;
  const shipped = join(shippedRunbooksDir(), `${reference}.yaml`);
  if (existsSync(shipped)) return shipped;
  throw new InvalidInputError(
    `no runbook "${reference}": give a path to a .yaml file or a shipped id (see \`sso-failover list\`).`,
  );
}

export type LoadedRunbook = {
  runbook: Runbook;
  file: string;
  text: string;
  locate: Parsed<Runbook>['locate'];
};

/** Parse and validate a runbook file. Problems come back as data; nothing is thrown for bad content. */
export function parseRunbookFile(file: string): Parsed<Runbook> & { text: string } {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    const problem: Problem = { file, line: 1, col: 1, message: `cannot read: ${(error as Error).message}` };
    return { problems: [problem], locate: () => ({ line: 1, col: 1 }), text: '' };
  }
  return { ...parseYaml(text, file, RunbookSchema), text };
}

/** Load a runbook for running or planning; any problem is an InvalidInputError listing all of them. */
export function loadRunbook(reference: string): LoadedRunbook {
  const file = resolveRunbookPath(reference);
  const parsed = parseRunbookFile(file);
  if (!parsed.value) {
    const lines = parsed.problems.map(formatProblem).join('\n');
    throw new InvalidInputError(
      `${file} is not a valid runbook (${parsed.problems.length} problem(s)); fix them, then run \`sso-failover lint ${file}\`:\n${lines}`,
    );
  }
  // The safety rules `lint` checks (a secret in argv, an unknown variable, a duplicate step id) hold for
  // every runbook that runs, is planned or drilled: a runbook lint rejects is never executed.
  const unsafe = lintRunbook(parsed.value, file, parsed.locate);
  if (unsafe.length > 0) {
    throw new InvalidInputError(
      `${file} breaks ${unsafe.length} safety rule(s) of \`sso-failover lint\`; nothing was run. Fix them, then run it again:\n${unsafe.map(formatProblem).join('\n')}`,
    );
  }
  return { runbook: parsed.value, file, text: parsed.text, locate: parsed.locate };
}
