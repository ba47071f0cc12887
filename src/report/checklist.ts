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
};

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
