import type { Action, Check } from '../runbook/schema.js';
import { listActionCommands } from '../runbook/action-commands.js';
import { interpolateArgv } from '../runbook/interpolate.js';

/**
 * The state a service-control command leaves behind (`net stop X` → X stopped, `sc start X` → X running,
 * `powershell -Command "Stop-Service -Name X -Force"` → X stopped), as a check. An interrupted command
 * whose goal already holds took effect and must not run again: a second `net stop` on a stopped service
 * fails and would abort the failover with the service down.
 */
export function commandGoal(argv: readonly string[]): Check | undefined {
  const tool = (argv[0] ?? '')
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  const found =
    tool === 'powershell' || tool === 'pwsh'
      ? readServiceCmdlet(argv.slice(1))
      : readServiceControl(tool, argv);
  if (!found) return undefined;
  const state = found.verb === 'stop' ? 'stopped' : 'running';
  return {
    service: { name: found.name, state },
    label: `${found.name} is ${state}, as \`${argv.join(' ')}\` leaves it`,
  } as Check;
}

type ServiceGoal = { verb: 'stop' | 'start'; name: string };

function readServiceControl(tool: string, argv: readonly string[]): ServiceGoal | undefined {
  const verb = argv[1]?.toLowerCase();
  const name = argv[2];
  if (!name || (tool !== 'net' && tool !== 'sc') || (verb !== 'stop' && verb !== 'start')) return undefined;
  return { verb, name };
}

const PREFERENCE = /^\$ErrorActionPreference\s*=\s*'(Stop|Continue)'$/i;
const CMDLET =
  /^(Stop|Start|Restart)-Service\s+(?:-Name\s+)?(?:'([^',]+)'|"([^"$`,]+)"|([A-Za-z0-9_.$-]+))((?:\s+-(?:Force|NoWait|PassThru|Confirm:\$false))*)$/i;

/**
 * `Stop-Service` / `Start-Service` of one named service, alone in a PowerShell -Command script (after an
 * `$ErrorActionPreference` line at most). `Restart-Service` has no goal: the service runs before and after,
 * so its state cannot tell whether the restart happened — its step's checks and the operator decide.
 * A script that does anything else (a loop, a pipeline, several services) has no goal either.
 */
function readServiceCmdlet(args: readonly string[]): ServiceGoal | undefined {
  const at = args.findIndex((a) => /^-c(ommand)?$/i.test(a));
  if (at < 0 || args.slice(0, at).some((a) => !/^-(NoProfile|NonInteractive|NoLogo)$/i.test(a)))
    return undefined;
  const statements = args
    .slice(at + 1)
    .join(' ')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
  if (statements.length === 2 && PREFERENCE.test(statements[0]!)) statements.shift();
  const match = statements.length === 1 ? CMDLET.exec(statements[0]!) : null;
  if (!match || match[1]!.toLowerCase() === 'restart') return undefined;
  // A bare word with a $ in it is a variable, not a name (BTSSvc$X must be quoted in PowerShell).
  if (match[4]?.includes('$')) return undefined;
  const name = match[2] ?? match[3] ?? match[4]!;
  return { verb: match[1]!.toLowerCase() === 'stop' ? 'stop' : 'start', name };
}

/** The argv of an action's command at `index` (a write counts as index 0), or undefined for a write or manual step. */
export function commandAt(
  action: Action,
  index: number,
  variables: Record<string, string>,
): string[] | undefined {
  if ('manual' in action) return undefined;
  const offset = 'write' in action ? 1 : 0;
  const command = listActionCommands(action)[index - offset];
  return command ? interpolateArgv(command.argv, variables) : undefined;
}
