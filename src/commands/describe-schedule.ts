import { resolve } from 'node:path';
import { interpolateKnown, type Variables } from '../runbook/interpolate.js';
import type { Runbook } from '../runbook/schema.js';
import { buildSchtasksCommand, MAX_TASK_RUN_LENGTH } from '../runbook/schtasks-command.js';

export type ScheduleView = { host: string; runAs: string; command: string; warning?: string };

/**
 * The Task Scheduler registration of a routine runbook, resolved for an environment. The task starts this
 * very installation by absolute paths (node and the CLI script as this process was started), so `plan` run
 * on the server that will run the task prints a command that works there as printed.
 */
export function describeSchedule(
  runbook: Runbook,
  variables: Variables,
  environmentFile: string | undefined,
): ScheduleView | undefined {
  if (!runbook.schedule) return undefined;
  const fields = Object.fromEntries(
    Object.entries(runbook.schedule).map(([key, value]) => [key, interpolateKnown(value, variables)]),
  ) as typeof runbook.schedule;
  const tool = [process.execPath, resolve(process.argv[1] ?? 'sso-failover')];
  const env = environmentFile ? resolve(environmentFile) : '<environment file>';
  const { command, taskRun } = buildSchtasksCommand(fields, runbook.id, tool, env);
  return {
    host: fields.host,
    runAs: fields.runAs,
    command,
    ...(taskRun.length > MAX_TASK_RUN_LENGTH
      ? {
          warning: `the task's command is ${taskRun.length} characters; Task Scheduler takes at most ${MAX_TASK_RUN_LENGTH}: install the tool and the files on shorter paths (e.g. C:\\sso-failover).`,
        }
      : {}),
  };
}

/** The lines plan prints after the steps. */
export function formatSchedule(view: ScheduleView): string[] {
  return [
    `Register it once, in an elevated prompt on ${view.host} (Windows Task Scheduler; /RP * asks for the password of ${view.runAs}):`,
    `  ${view.command}`,
    ...(view.warning ? [`  Warning: ${view.warning}`] : []),
    `  Run plan on ${view.host} itself: the command names this installation of the tool by its absolute path.`,
  ];
}
