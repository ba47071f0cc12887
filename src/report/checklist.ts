import type { PlannedStep } from '../runbook/build-plan.js';

/** A runbook resolved for one environment, as a paper procedure (see renderChecklist*). */
export type Checklist = {
  runbook: {
    id: string;
    title: string;
    summary: string;
    rto: string;
    sources: string[];
    file: string;
    sha256: string;
  };
  environment: { name: string; drill: boolean };
  /** asked at the start of the run: left as blanks on paper */
  inputs: { key: string; type: string; prompt: string }[];
  steps: PlannedStep[];
  /** a routine runbook: the Task Scheduler registration, and the host it is typed on */
  schedule?: { host: string; runAs: string; command: string; warning?: string };
  /** the environment's two-person rule: approvals a destructive action needs besides the operator (0: none) */
  approvals?: number;
};

/** A step whose action waits for approvals on paper too: destructive, with an action, under a policy. */
export function needsApproval(list: Checklist, step: PlannedStep): boolean {
  return (list.approvals ?? 0) > 0 && step.destructive === true && step.action !== undefined;
}

export const APPROVAL_NOTE =
  'Two-person rule: before doing this, another person (not you) reads the command above and approves it.';

/** `{{name}}` left by buildPlan for values only known during the run. */
export const BLANK = /\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Steps grouped by phase, in order; steps without a phase join the group before them. */
export function groupByPhase(steps: readonly PlannedStep[]): { phase?: string; steps: PlannedStep[] }[] {
  const groups: { phase?: string; steps: PlannedStep[] }[] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && (!step.phase || step.phase === last.phase)) last.steps.push(step);
    else groups.push({ ...(step.phase ? { phase: step.phase } : {}), steps: [step] });
  }
  return groups;
}

/** A manual-only step acts on no host: the operator does it. */
export function hostOf(step: PlannedStep): string {
  return step.host.startsWith('(no host') && (!step.action || step.action.kind === 'manual')
    ? 'you, by hand'
    : step.host;
}

/** buildPlan lists inputs as `key (type): prompt`. */
export function isSecret(input: string): boolean {
  return /^\S+ \(secret\):/.test(input);
}

export const SECRET_NOTE = 'typed at the prompt of the tool; never write it on this sheet';

/** Under a step done at the server's console, where the tool's own prompt reads the password. */
export const CONSOLE_NOTE =
  "At the console, type the password at the tool's own prompt, which does not show it. Do not type the script the assistant runs over WinRM/ssh instead: it reads the password as a plain line of input, which a console shows as you type.";

/** "16. Point the SSO tools of BTS02 at a live server · BTS02, 2 of 2 servers": numbered as the screen numbers it. */
export function stepHeading(step: PlannedStep): string {
  const where = step.instance
    ? ` · ${step.instance.host}, ${step.instance.position} of ${step.instance.count} servers`
    : '';
  return `${step.number}. ${step.title}${where}`;
}

/** What the sheet says besides the commands: which hosts the step leaves out and why, and its condition. */
export function stepNotes(step: PlannedStep): string[] {
  const notes: string[] = [];
  if (step.skips.length && (!step.instance || step.instance.position === 1))
    notes.push(`Not on ${step.skips.map((s) => `${s.host} (${s.reason})`).join(', ')}.`);
  if (step.condition && step.runs === 'maybe')
    notes.push(
      `Runs ${step.condition}, which you read during the run; otherwise write "not needed" and go on.`,
    );
  else if (step.condition) notes.push(`Runs ${step.condition}: here it does.`);
  return notes;
}

/** "26 steps, 30 on the hosts of this environment": the paper counts what a run does. */
export function countSteps(steps: readonly PlannedStep[]): string {
  const total = steps[0]?.total ?? 0;
  const onHosts = steps.filter((s) => s.runs !== 'no').length;
  return `${total} steps, ${onHosts} to tick on the hosts of this environment`;
}
