import type { RunSummary } from '../journal/resume.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import type { Runbook } from '../runbook/schema.js';
import { countCommands } from '../engine/run-action.js';

/**
 * Where a resumed run picks up, numbered as the screen numbers steps ("Step 13 of 26"), so the line
 * that announces the resume and the header that follows it agree. A step repeated per server counts once;
 * its servers already done are named.
 */
export function describeResumePoint(runbook: Runbook, summary: RunSummary): string {
  const total = runbook.steps.length;
  const completed = new Set(summary.completed);
  const base = (id: string) => id.split('@')[0]!;
  const open =
    summary.resumeAt?.stepId ??
    (summary.lastStepId && !completed.has(summary.lastStepId) ? summary.lastStepId : undefined);
  const index = open
    ? runbook.steps.findIndex((step) => step.id === base(open))
    : runbook.steps.findIndex((step) => !summary.completed.some((id) => base(id) === step.id));
  if (index < 0) return `every one of the ${total} steps is behind it; the run only has to finish.`;
  const step = runbook.steps[index]!;
  const host = open?.split('@')[1];
  const bound = host && step.forEach ? { [step.forEach.as]: host } : {};
  const title = interpolateKnown(step.title, { ...summary.variables, ...bound });
  const serversDone = summary.completed
    .filter((id) => id.startsWith(`${step.id}@`))
    .map((id) => id.split('@')[1]);
  const before =
    index === 0
      ? 'nothing is behind it'
      : `steps 1–${index} of ${total} are behind it (done, skipped or not needed)`;
  const partly = serversDone.length ? `; this step is already done on ${serversDone.join(', ')}` : '';
  const at = summary.resumeAt;
  const commands = step.action ? countCommands(step.action) : 0;
  const how = !at
    ? ''
    : at.failure
      ? ` It had failed: ${at.failure.reason}; you decide what now.`
      : at.inFlight
        ? step.action && 'manual' in step.action
          ? ' It was waiting for your answer to a step done by hand; none was recorded, so you decide now.'
          : ' Its action may have half-run: its checks run first, then you decide.'
        : at.finishedCommands < commands
          ? ` ${at.finishedCommands} of the ${commands} commands of its action finished; the rest run next.`
          : ' Its action had run; its checks decide.';
  return `${before}. Continuing at step ${index + 1} of ${total}: ${title}${partly}.${how}`;
}
