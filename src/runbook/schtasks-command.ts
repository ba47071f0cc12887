import type { Runbook } from './schema.js';

export type Schedule = NonNullable<Runbook['schedule']>;

/** Inside schtasks /TR "...": an element with spaces is quoted as \"...\" (schtasks's own escape). */
function quoteInTaskRun(arg: string): string {
  return /[\s"]/.test(arg) ? `\\"${arg.replace(/"/g, '\\\\"')}\\"` : arg;
}

const quote = (value: string) => `"${value.replace(/"/g, '\\"')}"`;

/** Task Scheduler refuses a /TR longer than this ("The value of the /TR option cannot exceed 261 characters"). */
export const MAX_TASK_RUN_LENGTH = 261;

/**
 * The `schtasks /Create` command that registers a routine runbook, as an administrator types it in an
 * elevated prompt on `schedule.host`: the task runs the tool at `toolArgv` (absolute paths) with the
 * environment and the answers file, elevated (/RL HIGHEST), as `runAs`, whose password /RP * asks for.
 */
export function buildSchtasksCommand(
  schedule: Schedule,
  runbookId: string,
  toolArgv: readonly string[],
  environmentFile: string,
): { command: string; taskRun: string } {
  const taskRun = [...toolArgv, 'run', runbookId, '--env', environmentFile, '--answers', schedule.answers]
    .map(quoteInTaskRun)
    .join(' ');
  const parts = [
    'schtasks /Create',
    `/TN ${quote(schedule.taskName)}`,
    `/SC ${schedule.every}`,
    ...(schedule.day ? [`/D ${schedule.day}`] : []),
    `/ST ${schedule.at}`,
    `/RU ${quote(schedule.runAs)}`,
    '/RP *',
    '/RL HIGHEST',
    '/F',
    `/TR "${taskRun}"`,
  ];
  return { command: parts.join(' '), taskRun };
}
