import { ExitCode } from '../exit-codes.js';
import { createChalk } from '../operator/format-message.js';
import { loadEnvironment } from '../runbook/load-environment.js';
import { checkReachability, type Reachability } from '../transports/check-reachability.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { mapWithLimit } from '../engine/map-with-limit.js';
import { createStatusSymbols } from '../operator/status-symbols.js';

/** Hosts checked at the same time: enough for a BizTalk group, few enough for one jump host. */
const CONCURRENCY = 8;

/**
 * `env check <file>`: the file is validated (problems as file:line:col, exit 2), then every host is asked
 * for its name through its transport, all at once (up to CONCURRENCY). Exit 0 only if every host answered.
 */
export async function envCheckCommand(file: string, options: { json?: boolean }): Promise<number> {
  const environment = loadEnvironment(file);
  const transport = createEnvironmentTransport(environment);
  const hosts = Object.keys(environment.hosts);
  const results = await mapWithLimit(hosts, CONCURRENCY, (host) =>
    checkReachability(environment, transport, host),
  );
  const ok = results.every((r) => r.reachable);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ environment: environment.name, file, ok, hosts: results })}\n`);
  } else {
    process.stdout.write(formatReport(environment.name, file, results));
  }
  return ok ? ExitCode.ok : ExitCode.failed;
}

function formatReport(name: string, file: string, results: Reachability[]): string {
  const c = createChalk(process.stdout);
  const rows = [
    ['host', 'transport', 'reachable', 'detail'],
    ...results.map((r) => [r.host, r.transport, r.reachable ? 'yes' : 'NO', r.detail]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) =>
    row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  '),
  );
  const symbols = createStatusSymbols();
  const lines = results.map((r) =>
    r.reachable
      ? `${c.green(symbols.ok)} ${r.host}: ${r.detail} (${formatSeconds(r.durationMs)})`
      : `${c.red(symbols.fail)} ${r.host} is not reachable (${r.transport}): ${r.detail}`,
  );
  const reachable = results.filter((r) => r.reachable).length;
  const verdict =
    reachable === results.length
      ? `All ${results.length} hosts of ${name} are reachable.`
      : `${results.length - reachable} of ${results.length} hosts of ${name} are not reachable: fix their transport in ${file} (or the network), then run env check again.`;
  return `${[c.bold(table[0]!), ...table.slice(1), '', ...lines, '', verdict].join('\n')}\n`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
