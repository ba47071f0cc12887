import { isAbsolute, join, relative } from 'node:path';
import { createChalk } from '../operator/format-message.js';
import { listShippedRunbookFiles, parseRunbookFile, shippedRunbooksDir } from '../runbook/load-runbook.js';
import { cliCommandLine } from './cli-invocation.js';

/** The shipped runbooks, with titles; a broken one is listed with its first problem rather than hidden. */
export async function listCommand(): Promise<number> {
  const c = createChalk(process.stdout);
  const rows = listShippedRunbookFiles().map((file) => {
    const parsed = parseRunbookFile(file);
    if (!parsed.value)
      return `${c.red('✗')} ${file}: ${parsed.problems[0]?.message ?? 'invalid'} (run \`sso-failover lint\`)`;
    const { id, title, rto, steps } = parsed.value;
    return `${c.bold(id.padEnd(40))} ${title} ${c.dim(`(${steps.length} steps, RTO ${rto})`)}`;
  });
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
