import { createClock } from '../engine/clock.js';
import { InvalidInputError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createStatusSymbols } from '../operator/status-symbols.js';
import { loadEnvironment } from '../runbook/load-environment.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { formatReadinessPrometheus, formatReadinessText, type ReadinessReport } from './format-readiness.js';
import { memoizeReads } from './memoize-reads.js';
import { checkBackup } from './readiness-backup.js';
import { checkDrills } from './readiness-drills.js';
import { checkStandbys } from './readiness-standby.js';

export type ReadinessOptions = { env?: string; json?: boolean; format?: string; stateDir?: string };

/**
 * `readiness --env FILE`: will a failover work today? Read-only checks through the environment's own
 * transports; never asks anything (it runs from a scheduled task). Exit 0 ready, 1 not ready, 2 bad input.
 */
export async function readinessCommand(options: ReadinessOptions): Promise<number> {
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (!['text', 'json', 'prometheus'].includes(format))
    throw new InvalidInputError(`--format ${options.format} is not known: use text, json or prometheus.`);
  if (!options.env)
    throw new InvalidInputError('readiness needs --env <file>: the environment whose failover is checked.');
  const environment = loadOneLine(options.env);
  const stateDir = resolveStateDir(options.stateDir);
  const transport = memoizeReads(createEnvironmentTransport(environment));
  const clock = environment.lab
    ? createClock(environment.lab.timeScale, environment.lab.epochMs)
    : createClock();
  const [backup, standby] = await Promise.all([
    checkBackup({ environment, transport }),
    checkStandbys({ environment, transport, clock }),
  ]);
  const findings = [...backup, standby, ...checkDrills(environment, stateDir, Date.now())];
  const report: ReadinessReport = {
    environment: environment.name,
    ready: findings.every((f) => f.ok),
    checkedAt: new Date().toISOString(),
    findings,
  };
  if (format === 'json') process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (format === 'prometheus') process.stdout.write(formatReadinessPrometheus(report));
  else process.stdout.write(formatReadinessText(report, createStatusSymbols()));
  return report.ready ? ExitCode.ok : ExitCode.failed;
}

/** A monitoring system reads one line: the environment's problems joined with "; " instead of one per line. */
function loadOneLine(file: string) {
  try {
    return loadEnvironment(file);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const [first, ...problems] = error.message.split('\n');
    throw new InvalidInputError(problems.length ? `${first} ${problems.join('; ')}` : first!);
  }
}
