import { interpolateKnown, type Variables } from './interpolate.js';
import type { Runbook } from './schema.js';

/** A value the run reads (a capture), taken for the plan from the runbook's `assume`. */
export type Assumption = { name: string; value: string; readBy?: string };

/**
 * The values a plan or a paper checklist resolves the runbook with: the environment's, then the
 * runbook's `assume` for values only the run reads, then `--var` (which wins over an assumption).
 */
export function resolvePlanVariables(
  runbook: Runbook,
  known: Variables,
  given: Variables,
): { variables: Variables; assumed: Assumption[] } {
  const base = { ...known, ...given };
  const assumed: Assumption[] = [];
  for (const [name, template] of Object.entries(runbook.assume ?? {})) {
    if (name in given) continue;
    const value = interpolateKnown(template, base);
    if (/\{\{/.test(value)) continue;
    const readBy = runbook.steps.find((step) =>
      [...step.pre, ...step.post].some((check) =>
        'capture' in check ? (check.capture ?? []).some((re) => re.includes(`(?<${name}>`)) : false,
      ),
    )?.id;
    assumed.push({ name, value, ...(readBy ? { readBy } : {}) });
  }
  return {
    variables: { ...known, ...Object.fromEntries(assumed.map((a) => [a.name, a.value])), ...given },
    assumed,
  };
}
