import { interpolate, interpolateKnown } from '../runbook/interpolate.js';
import type { Check, Step } from '../runbook/schema.js';
import { type CheckResult, waitForCheck } from './checks.js';
import { collectInputs } from './collect-inputs.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { CheckPhase } from './events.js';
import type { FailureChoice, FailurePhase } from './ports.js';
import { countCommands, runAction } from './run-action.js';
import { CanceledError, InvalidInputError } from '../errors.js';

export type StepOutcome = 'done' | 'skipped' | 'aborted';
type Phase = 'pre' | 'confirm' | 'action' | 'post' | 'rollback' | 'rolled-back';
/** skip: commands of the action already done in an interrupted attempt */
type StepState = { phase: Phase; attempt: number; sinceMs: number; skip: number };

/** The host a step acts on: its `on`, or the environment's only host; a manual-only step needs none. */
export function stepHost(step: Step, run: RunContext): string {
  if (step.on) return interpolate(step.on, run.variables);
  const hosts = Object.keys(run.environment.hosts);
  if (hosts.length === 1) return hosts[0]!;
  const needsHost =
    step.pre.length > 0 || step.post.length > 0 || (step.action !== undefined && !('manual' in step.action));
  if (!needsHost) return 'the operator';
  throw new InvalidInputError(
    `step ${step.id} has no "on:" and environment "${run.environment.name}" has ${hosts.length} hosts; add on: <host> to the step.`,
  );
}

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
  const continuing = resume !== undefined && !resume.inFlight && resume.finishedCommands < total;
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
  for (;;) {
    verifyNotCanceled(deps);
    const failure = await advance(step, host, state, deps, run);
    verifyNotCanceled(deps);
    if (failure === 'done') return 'done';
    deps.operator.show({ kind: 'failure', stepId: step.id, phase: failure.phase, reason: failure.reason });
    if (step.advice)
      deps.operator.show({ kind: 'warning', text: interpolateKnown(step.advice, run.variables).trimEnd() });
    const choices = menuFor(step, state.phase);
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

type Failure = { phase: FailurePhase; reason: string };

/**
 * How a step interrupted by a crash is picked up (journal/resume.ts builds it): its action attempt had
 * started; `finishedCommands` of its commands (a write counts as one) had finished, and `inFlight` is the
 * one that never reported back — it may have half-run.
 */
export type StepResume = {
  /** engine clock when the attempt's first command started: event checks look from here */
  sinceMs: number;
  finishedCommands: number;
  inFlight?: { command: string; host: string };
};

/**
 * The action may have half-run: never run it again silently. Its post-checks show what took effect,
 * then the operator decides: treat it as done, run it again, roll it back, or abort.
 */
async function settleInDoubt(
  step: Step,
  host: string,
  state: StepState,
  inFlight: { command: string; host: string },
  deps: EngineDeps,
  run: RunContext,
): Promise<StepOutcome | undefined> {
  deps.operator.show({
    kind: 'warning',
    text: `The previous session stopped while this was running on ${inFlight.host}: ${inFlight.command}. It may have half-run. Running its checks to see what took effect.`,
  });
  const failed = await runChecks(step.post, 'post', step, host, state, deps, run);
  const reason = failed
    ? `after the interruption the checks say: ${failed}`
    : 'after the interruption every check of this step passes';
  const choices: FailureChoice[] = [
    'accept',
    'rerun',
    ...(step.rollback ? (['rollback'] as const) : []),
    'abort',
  ];
  emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'failure-menu', text: reason });
  const choice = await deps.operator.chooseOnFailure({
    stepId: step.id,
    phase: 'in-doubt',
    reason,
    choices,
    checksPassed: !failed,
  });
  if (choice === 'accept') {
    emitEvent(deps, { type: 'failure-decided', stepId: step.id, phase: 'in-doubt', choice, reason });
    return 'done';
  }
  return apply(choice, step, state, deps, run, 'in-doubt');
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
    state.phase = 'confirm';
  }
  if (state.phase === 'confirm') {
    if (
      step.action &&
      !('manual' in step.action) &&
      step.confirm !== false &&
      !(await confirmAction(step, host, deps, run))
    ) {
      return { phase: 'confirm', reason: 'the operator did not confirm the action' };
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
  return { phase: 'rollback', reason: 'the step was rolled back' };
}

async function runChecks(
  checks: readonly Check[],
  phase: CheckPhase,
  step: Step,
  host: string,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
): Promise<string | undefined> {
  const failures: CheckResult[] = [];
  const context = {
    transport: deps.transport,
    host,
    variables: run.variables,
    stepStartMs: state.sinceMs,
    clock: deps.clock,
    signal: deps.signal,
  };
  for (const check of checks) {
    const result = await waitForCheck(check, context, deps.operator);
    emitEvent(deps, {
      type: result.ok ? 'check-passed' : 'check-failed',
      stepId: step.id,
      phase,
      label: result.label,
      host: result.host,
      expected: result.expected,
      observed: result.observed,
      ...(check.optional ? { optional: true } : {}),
    });
    deps.operator.show({
      kind: 'check',
      ok: result.ok,
      label: result.label.includes(result.host) ? result.label : `${result.label} (${result.host})`,
      expected: result.expected,
      observed: result.observed,
      ...(check.optional && !result.ok ? { informational: true } : {}),
    });
    if (!result.ok && check.advice)
      deps.operator.show({ kind: 'warning', text: interpolateKnown(check.advice, run.variables) });
    if (result.ok) storeCaptures(result.captured, step.id, deps, run);
    else if (!check.optional) failures.push(result);
  }
  if (failures.length === 0) return undefined;
  return failures.map((f) => `${f.label} on ${f.host}: expected ${f.expected}; got ${f.observed}`).join('; ');
}

async function confirmAction(step: Step, host: string, deps: EngineDeps, run: RunContext): Promise<boolean> {
  const action = step.action!;
  const commands = 'sequence' in action ? action.sequence : 'run' in action && action.run ? [action.run] : [];
  const command = commands
    .map((argv) =>
      deps.transport.render(
        host,
        argv.map((a) => interpolateKnown(a, run.variables)),
      ),
    )
    .join('\n     ');
  const written =
    'write' in action
      ? `write ${interpolate(action.write.path, run.variables)}${command ? ', then ' : ''}`
      : '';
  const destructive = step.destructive;
  deps.operator.show({ kind: 'command', host, rendered: `${written}${command}` });
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

function menuFor(step: Step, phase: Phase): FailureChoice[] {
  const canRollback = step.rollback !== undefined && (phase === 'action' || phase === 'post');
  if (phase === 'rolled-back') return ['retry', 'skip', 'abort'];
  if (phase === 'rollback') return ['rollback', 'skip', 'abort'];
  return [
    'retry',
    ...(phase === 'post' && step.action ? (['rerun'] as const) : []),
    'skip',
    ...(canRollback ? (['rollback'] as const) : []),
    'abort',
  ];
}

async function apply(
  choice: FailureChoice,
  step: Step,
  state: StepState,
  deps: EngineDeps,
  run: RunContext,
  failedPhase: FailurePhase,
): Promise<StepOutcome | undefined> {
  const prompt = `Why skip "${step.title}"? (recorded in the journal)`;
  if (choice === 'skip')
    emitEvent(deps, { type: 'prompt-opened', stepId: step.id, prompt: 'reason', text: prompt });
  const reason = choice === 'skip' ? await deps.operator.reason({ stepId: step.id, prompt }) : '';
  emitEvent(deps, { type: 'failure-decided', stepId: step.id, phase: failedPhase, choice, reason });
  if (choice === 'abort') return 'aborted';
  if (choice === 'skip') {
    emitEvent(deps, { type: 'step-skipped', stepId: step.id, reason, by: deps.operator.identity() });
    deps.operator.show({
      kind: 'warning',
      text: `Skipped "${step.title}" (${reason}). It is recorded as skipped, not done.`,
    });
    return 'skipped';
  }
  if (choice === 'rollback') {
    state.phase = (await rollBack(step, state, deps, run)) ? 'rolled-back' : 'rollback';
    return undefined;
  }
  state.attempt += 1;
  if (choice === 'rerun' || state.phase === 'action' || failedPhase === 'in-doubt') {
    // A retried action may have failed on an input (a wrong password, the wrong backup): ask for them again.
    if (step.inputs) await collectInputs(step.inputs, deps, run, step.id, { reask: true });
    state.phase = 'confirm';
  }
  if (state.phase === 'rolled-back') state.phase = 'pre';
  return undefined;
}

async function rollBack(step: Step, state: StepState, deps: EngineDeps, run: RunContext): Promise<boolean> {
  const host = stepHost(step, run);
  deps.operator.show({ kind: 'info', text: `Rolling back "${step.title}" on ${host}.` });
  const result = await runAction(
    step.rollback!,
    { stepId: step.id, host, rollback: true, attempt: state.attempt },
    deps,
    run,
  );
  if (!result.ok) {
    deps.operator.show({
      kind: 'warning',
      text: `The rollback of "${step.title}" failed: ${result.observed}. Fix the cause, then roll back again, or skip with a reason.`,
    });
    return false;
  }
  emitEvent(deps, { type: 'step-rolled-back', stepId: step.id });
  deps.operator.show({
    kind: 'info',
    text: `Rolled back "${step.title}". Retry the step from its pre-checks, skip it, or abort.`,
  });
  return true;
}

function storeCaptures(
  captured: Record<string, string>,
  stepId: string,
  deps: EngineDeps,
  run: RunContext,
): void {
  for (const [name, value] of Object.entries(captured)) {
    run.variables[name] = value;
    emitEvent(deps, { type: 'variable-captured', stepId, name, value });
  }
}
