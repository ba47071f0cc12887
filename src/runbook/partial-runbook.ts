import { type Runbook, RunbookSchema, StepSchema } from './schema.js';
import { namedGroups } from './step-variables.js';
import { walkStrings } from './walk-strings.js';

export type PartialRunbook = {
  runbook: Runbook;
  partial: {
    /** where each kept step sits in the file's steps list */
    stepIndexes: number[];
    /** names defined by the parts the schema refused (inputs, captures), so they are not reported unknown */
    alsoKnown: string[];
  };
};

/**
 * The parts of a runbook the schema accepts, from a document it refused as a whole: every valid step, with
 * its place in the file. Lint runs its rules on these too, so one run lists the schema problems AND the
 * rule problems (duplicate ids, unknown variables), not only the first kind.
 */
export function extractPartialRunbook(raw: unknown): PartialRunbook | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const document = raw as Record<string, unknown>;
  const rawSteps = Array.isArray(document.steps) ? document.steps : [];
  const steps: Runbook['steps'] = [];
  const stepIndexes: number[] = [];
  const alsoKnown: string[] = [];
  for (const [index, item] of rawSteps.entries()) {
    const parsed = StepSchema.safeParse(item);
    if (parsed.success) {
      steps.push(parsed.data);
      stepIndexes.push(index);
    } else alsoKnown.push(...definedNames(item));
  }
  const top = RunbookSchema.pick({ inputs: true, environmentVars: true }).safeParse({
    inputs: document.inputs ?? {},
    environmentVars: document.environmentVars ?? [],
  });
  if (!top.success) alsoKnown.push(...definedNames({ inputs: document.inputs }), ...rawNames(document));
  const runbook = {
    id: typeof document.id === 'string' ? document.id : 'unknown',
    title: '',
    summary: '',
    sources: [],
    rto: '1m',
    inputs: top.success ? top.data.inputs : {},
    environmentVars: top.success ? top.data.environmentVars : [],
    steps,
  } satisfies Runbook;
  return { runbook, partial: { stepIndexes, alsoKnown } };
}

/** Input names and capture groups anywhere in a part the schema refused. */
function definedNames(part: unknown): string[] {
  const names: string[] = [];
  for (const { path, value } of walkStrings(part)) {
    names.push(...namedGroups(value));
    const inputsAt = path.indexOf('inputs');
    if (inputsAt !== -1 && typeof path[inputsAt + 1] === 'string') names.push(path[inputsAt + 1] as string);
  }
  return names;
}

/** environmentVars as written, when the list is malformed. */
function rawNames(document: Record<string, unknown>): string[] {
  const list = document.environmentVars;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}
