import { createChalk } from '../operator/format-message.js';
import { listShippedRunbookFiles, parseRunbookFile } from '../runbook/load-runbook.js';
import { createStatusSymbols } from '../operator/status-symbols.js';

/** The shipped runbooks, with titles; a broken one is listed with its first problem rather than hidden. */
export async function listCommand(): Promise<number> {
  const c = createChalk(process.stdout);
  const symbols = createStatusSymbols();
  const rows = listShippedRunbookFiles().map((file) => {
    const parsed = parseRunbookFile(file);
    if (!parsed.value)
      return `${c.red(symbols.fail)} ${file}: ${parsed.problems[0]?.message ?? 'invalid'} (run \`sso-failover lint\`)`;
    const { id, title, rto, steps } = parsed.value;
    return `${c.bold(id.padEnd(40))} ${title} ${c.dim(`(${steps.length} steps, RTO ${rto})`)}`;
  });
  process.stdout.write(
    `${rows.join('\n')}\n${c.dim('Run one with: sso-failover run <id> --env <environment.yaml>; preview it with: sso-failover plan <id>')}\n`,
  );
  return 0;
}
