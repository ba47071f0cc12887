import { isAbsolute, join, relative } from 'node:path';
import { resolveStateDir } from '../journal/state-dir.js';
import { createChalk } from '../operator/format-message.js';
import { createStatusSymbols } from '../operator/status-symbols.js';
import { readRunbookHeadlines } from '../runbook/read-runbook-headline.js';
import { listShippedRunbookFiles, shippedRunbooksDir } from '../runbook/shipped-runbooks.js';
import { cliCommandLine } from '../session/cli-invocation.js';

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
    rows.push(`${c.red(createStatusSymbols().fail)} ${file}: ${problem} (run \`sso-failover lint\`)`);
  }
  // Without an environment a plan leaves {{ssoToolDir}} and the hosts unresolved: suggest the shipped example.
  const example = join(shippedRunbooksDir(), 'environments', 'example.yaml');
  const shown = relative(process.cwd(), example);
  const env = shown && !isAbsolute(shown) && !shown.startsWith('..') ? shown : example;
  const id = 'designate-new-master-secret-server';
  const next = [
    "Preview one against the documented example environment (or your own, or a lab's <lab>/environment.yaml):",
    `    ${cliCommandLine(['plan', id, '--env', env])}`,
    'Practise one on a simulated deployment:',
    `    ${cliCommandLine(['drill', '--runbook', id])}`,
    'Run one for real with your environment file:',
    `    ${cliCommandLine(['run', id])} --env <your-environment.yaml>`,
  ];
  process.stdout.write(`${rows.join('\n')}\n\n${c.dim(next.join('\n'))}\n`);
  return 0;
}
