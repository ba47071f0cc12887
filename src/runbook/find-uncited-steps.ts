import { hasPrimarySource } from './describe-source.js';
import type { Parsed, Problem } from './parse-yaml.js';
import type { Runbook } from './schema.js';

/**
 * Steps that cite neither the documentation page they follow nor a site-practice reason. A problem for
 * `lint` (the shipped runbooks have none), not a safety rule: `run`, `plan` and `drill` do not refuse an
 * uncited runbook, so a team's own runbook runs before it is fully cited.
 */
export function findUncitedSteps(
  runbook: Pick<Runbook, 'steps'>,
  file: string,
  locate: Parsed<Runbook>['locate'],
): Problem[] {
  return runbook.steps.flatMap((step, index) =>
    hasPrimarySource(step.sources)
      ? []
      : [
          {
            file,
            ...locate(['steps', index, 'id']),
            message: `step "${step.id}" cites no source: add sources: with the documentation page it follows ({ title, url }: Microsoft's for ENTSSO) or { site-practice: <why> }`,
          },
        ],
  );
}
