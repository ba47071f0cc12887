import { createChalk } from '../operator/format-message.js';
import { join } from 'node:path';
import { resolveStateDir } from '../journal/state-dir.js';
import { readRunbookHeadlines } from '../runbook/read-runbook-headline.js';
import { listShippedRunbookFiles } from '../runbook/shipped-runbooks.js';

/** The shipped runbooks, with titles; a broken one is listed with its first problem rather than hidden. */
export async function listCommand(): Promise<number> {
  const c = createChalk(process.stdout);
  const rows: string[] = [];
  const files = listShippedRunbookFiles();
  const headlines = await readRunbookHeadlines(
    files,
    join(resolveStateDir(), 'cache', 'runbook-headlines.json'),
  );
  for (const [index, file] of files.entries()) {
    const headline = headlines[index];
    if (headline) {
      const { id, title, rto, steps } = headline;
      rows.push(`${c.bold(id.padEnd(40))} ${title} ${c.dim(`(${steps} steps, RTO ${rto})`)}`);
      continue;
    }
    // Only a file without even a headline pays for the full validation, to say what is wrong.
    const { parseRunbookFile } = await import('../runbook/load-runbook.js');
    const problem = parseRunbookFile(file).problems[0]?.message ?? 'invalid';
    rows.push(`${c.red('✗')} ${file}: ${problem} (run \`sso-failover lint\`)`);
  }
  process.stdout.write(
    `${rows.join('\n')}\n${c.dim('Run one with: sso-failover run <id> --env <environment.yaml>; preview it with: sso-failover plan <id>')}\n`,
  );
  return 0;
}
