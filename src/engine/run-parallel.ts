import { interpolateKnown } from '../runbook/interpolate.js';
import type { Step } from '../runbook/schema.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { StepInstance } from './expand-steps.js';
import type { Operator, OperatorMessage } from './ports.js';
import { type RunCursor, startInstance } from './run-instance.js';
import { runStep } from './run-step.js';
import { mapWithLimit } from './map-with-limit.js';

const DEFAULT_LIMIT = 8;

/** Thrown by the pre-flight operator when a check fails: the decision is deferred until every host has reported. */
class DeferredFailure extends Error {}

type Settled =
  | {
      instance: StepInstance;
      ok: boolean;
      messages: OperatorMessage[];
      ms: number;
      variables: Record<string, string>;
    }
  | undefined;

/**
 * Pre-flight: a check-only forEach step runs on every host at once (with a limit). Each host reports as it
 * finishes; then every check is listed, and only the hosts that failed go through the failure menu, one by one.
 */
export async function runParallel(
  instances: StepInstance[],
  index: number,
  step: Step,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
): Promise<string | undefined> {
  const limit = typeof step.forEach?.parallel === 'number' ? step.forEach.parallel : DEFAULT_LIMIT;
  const as = step.forEach?.as ?? '';
  const hosts = instances.map((instance) => instance.binding?.host ?? '');
  const title = `${interpolateKnown(step.title, { ...run.variables, [as]: hosts.join(', ') })} (in parallel)`;
  deps.operator.show({
    kind: 'header',
    runbook: run.runbook.title,
    step: index + 1,
    total: run.runbook.steps.length,
    title,
    elapsedMs: deps.clock.wallNow() - run.startedAtMs,
    rtoMs: cursor.rtoMs,
  });
  const width = Math.max(...hosts.map((h) => h.length));
  // Each host reports the moment its checks are done (a live progress list), the details follow.
  const settled = await mapWithLimit(instances, limit, async (instance) => {
    const result = await checkHost(instance, index, deps, run, cursor);
    if (result) {
      const verdict = describeHost(result.ok, result.messages);
      const host = (instance.binding?.host ?? '').padEnd(width);
      const text = `${host}  ${verdict.text}  (${(result.ms / 1000).toFixed(1)} s)`;
      deps.operator.show({ kind: verdict.clean ? 'info' : 'warning', text });
    }
    return result;
  });
  for (const result of settled) {
    if (!result) continue;
    Object.assign(run.variables, withoutBinding(result.variables, result.instance));
    for (const message of result.messages) if (message.kind === 'check') deps.operator.show(message);
  }
  for (const result of settled) {
    if (!result || result.ok) continue;
    const { instance } = result;
    if (instance.binding) Object.assign(run.variables, instance.binding.variables);
    deps.operator.show({
      kind: 'info',
      text: `${instance.binding?.host}: checking again before you decide.`,
    });
    const outcome = await runStep(instance.step, deps, run);
    if (outcome === 'aborted') return instance.step.id;
    if (outcome === 'skipped') cursor.skipped.push(instance.step.id);
    if (outcome === 'done')
      emitEvent(deps, { type: 'step-finished', stepId: instance.step.id, durationMs: 0 });
  }
  return undefined;
}

async function checkHost(
  instance: StepInstance,
  index: number,
  deps: EngineDeps,
  run: RunContext,
  cursor: RunCursor,
): Promise<Settled> {
  const variables = {
    ...run.variables,
    ...instance.binding?.variables,
  };
  const local: RunContext = { ...run, variables };
  const messages: OperatorMessage[] = [];
  const quiet: EngineDeps = { ...deps, operator: createDeferringOperator(deps.operator, messages) };
  const started = deps.clock.wallNow();
  try {
    if ((await startInstance(instance, index, quiet, local, cursor, true)) !== 'run') return undefined;
    await runStep(instance.step, quiet, local);
    const ms = deps.clock.wallNow() - started;
    emitEvent(deps, { type: 'step-finished', stepId: instance.step.id, durationMs: ms });
    return { instance, ok: true, messages, ms, variables };
  } catch (error) {
    if (!(error instanceof DeferredFailure)) throw error;
    return { instance, ok: false, messages, ms: deps.clock.wallNow() - started, variables };
  }
}

/** Collects what a host's checks show; a failure is deferred; anything else would be a prompt, which pre-flight never has. */
function createDeferringOperator(operator: Operator, messages: OperatorMessage[]): Operator {
  const refuse = (): never => {
    throw new Error(
      'a parallel step asked a question; parallel forEach steps must be check-only (lint enforces it)',
    );
  };
  return {
    identity: operator.identity,
    show: (message) => void messages.push(message),
    chooseOnFailure: () => Promise.reject(new DeferredFailure()),
    ask: refuse,
    confirm: refuse,
    reason: refuse,
    manual: refuse,
  };
}

/** One host's line of the live list: what passed, and what did not (details follow the list). */
function describeHost(ok: boolean, messages: readonly OperatorMessage[]): { text: string; clean: boolean } {
  const checks = messages.filter((m) => m.kind === 'check');
  const failed = checks.filter((m) => !m.ok && !m.informational).length;
  const noted = checks.filter((m) => !m.ok && m.informational).length;
  if (!ok) return { text: `${failed} of ${checks.length} checks FAILED`, clean: false };
  const passed = `${checks.length - noted} of ${checks.length} checks passed`;
  return noted > 0
    ? { text: `${passed}, ${noted} for information did not`, clean: false }
    : { text: passed, clean: true };
}

function withoutBinding(variables: Record<string, string>, instance: StepInstance): Record<string, string> {
  const bound = new Set(Object.keys(instance.binding?.variables ?? {}));
  return Object.fromEntries(Object.entries(variables).filter(([name]) => !bound.has(name)));
}
