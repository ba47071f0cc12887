import { InvalidInputError } from '../errors.js';
import type { Runbook } from '../runbook/schema.js';

/** `--var key=value` pairs into an object; a malformed pair is refused before anything runs. */
export function parseVars(pairs: readonly string[] = []): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!match) throw new InvalidInputError(`--var ${pair} is not key=value (e.g. --var newMss=BTS01).`);
    vars[match[1]!] = match[2]!;
  }
  return vars;
}

/** Secrets never travel in argv: refuse `--var password=…` for a secret input. */
export function refuseSecretVars(runbook: Runbook, vars: Record<string, string>): void {
  const secretKeys = new Set([
    ...Object.entries(runbook.inputs)
      .filter(([, i]) => i.type === 'secret')
      .map(([k]) => k),
    ...runbook.steps.flatMap((s) =>
      Object.entries(s.inputs ?? {})
        .filter(([, i]) => i.type === 'secret')
        .map(([k]) => k),
    ),
  ]);
  const offending = Object.keys(vars).filter((key) => secretKeys.has(key));
  if (offending.length)
    throw new InvalidInputError(
      `${offending.join(', ')} is a secret and is never accepted on the command line (other users can read argv). Leave it out; you will be asked for it.`,
    );
}
