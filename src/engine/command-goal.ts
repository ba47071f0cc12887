import type { Action, Check } from '../runbook/schema.js';
import { listActionCommands } from '../runbook/action-commands.js';
import { interpolateArgv } from '../runbook/interpolate.js';

/**
 * The state a service-control command leaves behind (`net stop X` → X stopped, `sc start X` → X running),
 * as a check. An interrupted command whose goal already holds took effect and must not run again: a second
 * `net stop` on a stopped service fails and would abort the failover with the service down.
 */
export function commandGoal(argv: readonly string[]): Check | undefined {
  const tool = (argv[0] ?? '')
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  const verb = argv[1]?.toLowerCase();
  const name = argv[2];
  if (!name || (tool !== 'net' && tool !== 'sc') || (verb !== 'stop' && verb !== 'start')) return undefined;
  const state = verb === 'stop' ? 'stopped' : 'running';
  return {
    service: { name, state },
    label: `${name} is ${state}, as \`${argv.join(' ')}\` leaves it`,
  } as Check;
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
