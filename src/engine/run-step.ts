import { CanceledError } from '../errors.js';
import {
  findVariables,
  interpolate,
  interpolateArgvKnown,
  interpolateKnown,
} from '../runbook/interpolate.js';
import { walkStrings } from '../runbook/walk-strings.js';
import type { Step } from '../runbook/schema.js';
import { collectInputs } from './collect-inputs.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { countCommands, runAction } from './run-action.js';
import { requestApproval } from './request-approval.js';
import { runChecks, storeCaptures } from './step-checks.js';
import { apply, menuFor, settleInDoubt } from './step-decisions.js';
import type { FailureChoice } from './ports.js';
import { describeMissing } from './enter-missing-value.js';
import { listActionCommands } from '../runbook/action-commands.js';
import { variablesNeeded } from '../runbook/step-variables.js';
import { stepHost } from './step-host.js';
import type { Failure, StepOutcome, StepResume, StepState } from './step-state.js';

export type { StepOutcome, StepResume } from './step-state.js';
export { stepHost } from './step-host.js';

/**
 * One step: instructions → inputs → pre-checks → confirm → action → post-checks, and on any failure
 * the operator's decision. Nothing is ever decided for the operator.
 */
export async function runStep(
  step: Step,
  deps: EngineDeps,
  run: RunContext,
  resume?: StepResume,
): Promise<StepOutcome> {
  if (step.instructions)
    deps.operator.show({
      kind: 'instructions',
      text: interpolateKnown(step.instructions, run.variables).trimEnd(),
    });
  const total = step.action ? countCommands(step.action) : 0;
  const continuing =
    resume !== undefined && !resume.inFlight && !resume.failure && resume.finishedCommands < total;
  // A resumed step's action already ran: its inputs are asked only if more of it is to run.
  if (step.inputs && (!resume || continuing)) await collectInputs(step.inputs, deps, run, step.id);
  const host = stepHost(step, run);
  const state: StepState = {
    phase: resume ? (continuing ? 'confirm' : 'post') : 'pre',
    attempt: 1,
    sinceMs: resume?.sinceMs ?? deps.clock.now(),
    skip: resume?.finishedCommands ?? 0,
  };
  if (continuing) {
    deps.operator.show({
      kind: 'info',
      text: `The previous session finished ${resume.finishedCommands} of the ${total} commands of this action; continuing with the next one.`,
    });
  }
  if (resume?.inFlight) {
    const outcome = await settleInDoubt(step, host, state, resume.inFlight, deps, run);
    if (outcome) return outcome;
  }
  let recorded = resume?.failure && reopenFailure(resume.failure, state, deps);
  for (;;) {
    verifyNotCanceled(deps);
    const failure =
      recorded ?? findMissing(step, state, run) ?? (await advance(step, host, state, deps, run));
    verifyNotCanceled(deps);
    if (failure === 'done') return 'done';
    // A successful rollback is not a failure: the operator chooses what next, with nothing marked failed.
    const rolledBack = state.phase === 'rolled-back';
    if (!recorded && !rolledBack)
      emitEvent(deps, { type: 'step-failed', stepId: step.id, phase: failure.phase, reason: failure.reason });
    recorded = undefined;
    if (!rolledBack)
      deps.operator.show({ kind: 'failure', stepId: step.id, phase: failure.phase, reason: failure.reason });
    if (step.advice)
      deps.operator.show({ kind: 'warning', text: interpolateKnown(step.advice, run.variables).trimEnd() });
    const pages = (step.sources ?? []).flatMap((source) =>
      'title' in source ? [`${source.title}: ${source.url}`] : [],
    );
    if (pages.length)
      deps.operator.show({ kind: 'info', text: `Microsoft's page(s) for this step:\n${pages.join('\n')}` });
    const choices: FailureChoice[] = state.missing ? ['enter', 'skip', 'abort'] : menuFor(step, state.phase);
    emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'failure-menu', text: failure.reason });
    const choice = await deps.operator.chooseOnFailure({
      stepId: step.id,
      phase: failure.phase,
      reason: failure.reason,
      choices,
    });
    const outcome = await apply(choice, step, state, deps, run, failure.phase);
    if (outcome) return outcome;
  }
}

/**
 * A value the step needs was never set — captured by a step that was skipped or not needed, also after a
 * resume: the operator enters it, skips this step too, or aborts. Never a crash.
 */
function findMissing(step: Step, state: StepState, run: RunContext): Failure | undefined {
  const unset = variablesNeeded(step).filter((name) => run.variables[name] === undefined);
  if (unset.length === 0) return undefined;
  state.missing = unset;
  return { phase: 'pre', reason: describeMissing(unset, run) };
}

/**
 * The previous session stopped at this step's failure menu: the failure stands (it is not re-run or
 * re-judged), and the menu opens again at the phase that failed.
 */
function reopenFailure(failure: Failure, state: StepState, deps: EngineDeps): Failure {
  state.phase = failure.phase === 'in-doubt' ? 'post' : failure.phase;
  // A retry runs the whole action again, as it would have in the previous session.
  state.skip = 0;
  // Pre-checks and the confirmation come before the action: a retry from there starts a new window.
  if (failure.phase === 'pre' || failure.phase === 'confirm') state.sinceMs = deps.clock.now();
  deps.operator.show({
    kind: 'warning',
    text: 'The previous session stopped at the failure menu of this step; the failure it recorded still stands.',
  });
  return failure;
}

function missingVariables(action: NonNullable<Step['action']>, variables: Record<string, string>): string[] {
  const names = walkStrings(action).flatMap(({ value }) => findVariables(value));
  return [...new Set(names.filter((name) => variables[name] === undefined))];
}

function verifyNotCanceled(deps: EngineDeps): void {
  if (deps.signal?.aborted) throw new CanceledError('canceled by a signal');
}

/** Run phases from the current one until the step is done or something fails. */
async function advance(
  step: Step,
  host: string,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
): Promise<Failure | 'done'> {
  if (state.phase === 'pre') {
    const missing = (step.requires ?? []).filter((id) => !run.done.has(id));
    if (missing.length > 0)
      return {
        phase: 'pre',
        reason: `this step needs ${missing.join(', ')} done first, and it was skipped or did not finish`,
      };
    const failed = await runChecks(step.pre, 'pre', step, host, state, deps, run);
    if (failed) return { phase: 'pre', reason: failed };
    if (step.notNeededIf?.length && (await isNotNeeded(step, host, state, deps, run))) return 'done';
    state.phase = 'confirm';
  }
  if (state.phase === 'confirm') {
    // Found before the operator confirms, not after: an action that needs a value nobody captured cannot run.
    const missing = step.action ? missingVariables(step.action, run.variables) : [];
    if (missing.length > 0) {
      // Retry runs the pre-checks again: they are what captures the value.
      state.phase = 'pre';
      return {
        phase: 'pre',
        reason: `the action needs ${missing.map((name) => `{{${name}}}`).join(', ')}, which no input or earlier check provided (a capture did not match?)`,
      };
    }
    if (
      step.action &&
      !('manual' in step.action) &&
      step.confirm !== false &&
      !(await confirmAction(step, host, state.skip, deps, run))
    ) {
      return { phase: 'confirm', reason: 'the operator did not confirm the action' };
    }
    if (step.action) {
      const denied = await requestApproval(
        step,
        host,
        renderAction(step, host, state.skip, deps, run),
        deps,
        run,
      );
      if (denied) return denied;
    }
    state.phase = 'action';
  }
  if (state.phase === 'action') {
    if (step.action) {
      // Continuing an interrupted attempt keeps its start: its events count from the first command.
      if (state.skip === 0) state.sinceMs = deps.clock.now();
      const target = {
        stepId: step.id,
        host,
        timeout: step.timeout,
        rollback: false,
        attempt: state.attempt,
        skipCommands: state.skip,
      };
      state.skip = 0;
      const result = await runAction(step.action, target, deps, run);
      if (!result.ok)
        return { phase: 'action', reason: `expected ${result.expected}; got ${result.observed}` };
      storeCaptures(result.captured, step.id, deps, run);
    }
    state.phase = 'post';
  }
  if (state.phase === 'post') {
    const failed = await runChecks(step.post, 'post', step, host, state, deps, run);
    if (failed) return { phase: 'post', reason: failed };
    return 'done';
  }
  return state.phase === 'rolled-back'
    ? {
        phase: 'rollback',
        reason: 'the step was rolled back: retry it from its pre-checks, skip it, or abort',
      }
    : { phase: 'rollback', reason: `its rollback failed: ${state.rollbackFailure ?? 'see above'}` };
}

/** The step's notNeededIf checks all pass: its action is left out and the step is done. */
async function isNotNeeded(
  step: Step,
  host: string,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
): Promise<boolean> {
  const failed = await runChecks(step.notNeededIf!, 'pre', step, host, state, deps, run, true);
  if (failed) return false;
  deps.operator.show({ kind: 'info', text: `Not needed on ${host}: its checks show it is already so.` });
  return true;
}

/** Show what is about to run (only the commands still to run, when continuing an interrupted action) and ask. */
async function confirmAction(
  step: Step,
  host: string,
  skip: number,
  deps: EngineDeps,
  run: RunContext,
): Promise<boolean> {
  const destructive = step.destructive;
  const action = step.action!;
  // A command answered on stdin echoes nothing: its prompts ("User ID :") look unanswered without this.
  const typed = 'stdin' in action && action.stdin ? action.stdin.replace(/\n$/, '').split('\n').length : 0;
  deps.operator.show({
    kind: 'command',
    host,
    rendered: renderAction(step, host, skip, deps, run),
    ...(typed ? { typedLines: typed } : {}),
  });
  emitEvent(deps, {
    type: 'prompt-opened',
    stepId: step.id,
    prompt: 'confirm',
    text: `Run this on ${host}?`,
  });
  const yes = await deps.operator.confirm({ stepId: step.id, message: `Run this on ${host}?`, destructive });
  emitEvent(deps, {
    type: yes ? 'confirmation-given' : 'confirmation-declined',
    stepId: step.id,
    by: deps.operator.identity(),
  });
  return yes;
}

/** The action as it will be typed on the host: only the commands still to run when continuing an interrupted one. */
function renderAction(step: Step, host: string, skip: number, deps: EngineDeps, run: RunContext): string {
  const action = step.action!;
  if ('manual' in action) return interpolateKnown(action.manual, run.variables);
  // A write counts as the first command.
  const writes = 'write' in action && skip === 0;
  const command = listActionCommands(action)
    .slice(Math.max(0, skip - ('write' in action ? 1 : 0)))
    .map(({ argv }) => deps.transport.render(host, interpolateArgvKnown(argv, run.variables)))
    .join('\n     ');
  const written = writes
    ? `write ${interpolate(action.write.path, run.variables)}${command ? ', then run:\n     ' : ''}`
    : '';
  return `${written}${command}`;
}
