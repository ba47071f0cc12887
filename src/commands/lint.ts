import { formatProblem } from '../runbook/parse-yaml.js';
import { lintRunbook } from '../runbook/lint-rules.js';
import { listShippedRunbookFiles, parseRunbookFile } from '../runbook/load-runbook.js';
import { findUncitedSteps } from '../runbook/find-uncited-steps.js';
import { findSecondHopWarnings } from '../runbook/second-hop-warnings.js';
import { extractPartialRunbook } from '../runbook/partial-runbook.js';
import type { Problem } from '../runbook/parse-yaml.js';
import type { Environment } from '../runbook/environment-schema.js';
import { createEnvironment } from './load-environment-option.js';

/**
 * Lint runbooks: YAML, schema, then safety rules. Every problem as file:line:col; exit 2 when any exists.
 * Warnings (with --env: the Kerberos second hop) are printed the same way but do not fail.
 */
export async function lintCommand(files: string[], options: { env?: string }): Promise<number> {
  const environment = options.env ? createEnvironment(options.env) : undefined;
  const targets = files.length > 0 ? files : listShippedRunbookFiles();
  let count = 0;
  let warned = 0;
  for (const file of targets) {
    const parsed = parseRunbookFile(file);
    const problems = [...parsed.problems, ...lintRules(parsed, file, environment)];
    const warnings =
      parsed.value && environment
        ? findSecondHopWarnings(parsed.value, file, parsed.locate, environment)
        : [];
    const all = [...problems, ...warnings].sort((a, b) => a.line - b.line || a.col - b.col);
    for (const problem of all) process.stdout.write(`${formatProblem(problem)}\n`);
    count += problems.length;
    warned += warnings.length;
  }
  const warnedText = warned > 0 ? `, ${warned} warning(s)` : '';
  const summary =
    count === 0
      ? `${targets.length} runbook(s) checked, no problems${warnedText}.`
      : `${count} problem(s)${warnedText} in ${targets.length} runbook(s).`;
  process.stderr.write(`${summary}\n`);
  return count === 0 ? 0 : 2;
}

/** The safety rules, on the whole runbook, or on the parts the schema accepted when it refused others. */
function lintRules(
  parsed: ReturnType<typeof parseRunbookFile>,
  file: string,
  environment: Environment | undefined,
): Problem[] {
  if (parsed.value)
    return [
      ...lintRunbook(parsed.value, file, parsed.locate, environment),
      ...findUncitedSteps(parsed.value, file, parsed.locate),
    ];
  const partial = extractPartialRunbook(parsed.raw);
  if (!partial) return [];
  // Environment rules (required vars) need the whole runbook: only the step rules run on a partial one.
  return [
    ...lintRunbook(partial.runbook, file, parsed.locate, undefined, process.platform, partial.partial),
    ...findUncitedSteps(partial.runbook, file, parsed.locate),
  ];
}
