import { parseDuration } from '../runbook/duration.js';
import { interpolate, interpolateArgv } from '../runbook/interpolate.js';
import type { Action } from '../runbook/schema.js';
import { interpolateExpect } from '../runbook/interpolate-expect.js';
import { describeExpect } from '../runbook/describe-check.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { KEPT_OUTPUT_CHARS } from './events.js';
import { listActionCommands } from '../runbook/action-commands.js';
import { captureVariables, type Evaluation, evaluateCommand } from './evaluate-command.js';
import type { ExecResult, OutputSize } from './ports.js';

export type ActionResult = {
  ok: boolean;
  observed: string;
  expected: string;
  captured: Record<string, string>;
};

export const DEFAULT_ACTION_TIMEOUT_MS = 10 * 60_000;

export type ActionTarget = {
  stepId: string;
  host: string;
  timeout?: string;
  rollback: boolean;
  attempt: number;
  /** commands of the action already done in an interrupted attempt: continue after them */
  skipCommands?: number;
};

/** How many commands an action has (a write counts as one): resume continues a sequence where it stopped. */
export function countCommands(action: Action): number {
  if ('manual' in action) return 1;
  if ('sequence' in action) return action.sequence.length;
  return ('write' in action ? 1 : 0) + (action.run ? 1 : 0);
}

/**
 * Perform one action. The intent (action-started) is emitted before anything happens and the
 * result (action-finished) after, so a crash in between is visible to resume.
 */
export async function runAction(
  action: Action,
  target: ActionTarget,
  deps: EngineDeps,
  run: RunContext,
): Promise<ActionResult> {
  const v = run.variables;
  if ('manual' in action) {
    emitEvent(deps, {
      type: 'action-started',
      stepId: target.stepId,
      kind: 'manual',
      host: target.host,
      command: interpolate(action.manual, v),
      rollback: target.rollback,
      attempt: target.attempt,
      commandIndex: 0,
      clockMs: deps.clock.now(),
    });
    emitEvent(deps, {
      type: 'prompt-opened',
      stepId: target.stepId,
      prompt: 'manual',
      text: interpolate(action.manual, v),
    });
    const done = await deps.operator.manual({
      stepId: target.stepId,
      instructions: interpolate(action.manual, v),
    });
    finish(deps, target, manualResult(done), 0);
    return {
      ok: done,
      // false is the operator's "Problem" ("Not yet" waits and asks again)
      observed: done ? 'operator confirmed it was done' : 'the operator reported a problem',
      expected: 'done',
      captured: {},
    };
  }
  const timeoutMs = target.timeout ? parseDuration(target.timeout) : DEFAULT_ACTION_TIMEOUT_MS;
  let skip = target.skipCommands ?? 0;
  let index = 0;
  if ('write' in action && skip > 0) {
    skip -= 1;
    index += 1;
    if (!action.run) return { ok: true, observed: 'already written', expected: 'written', captured: {} };
  } else if ('write' in action) {
    const path = interpolate(action.write.path, v);
    emitEvent(deps, {
      type: 'action-started',
      stepId: target.stepId,
      kind: 'write',
      host: target.host,
      command: `write ${path}`,
      rollback: target.rollback,
      attempt: target.attempt,
      commandIndex: index,
      clockMs: deps.clock.now(),
    });
    const written = await deps.transport.writeFile(target.host, path, interpolate(action.write.content, v), {
      signal: deps.signal,
    });
    finish(deps, target, written, index);
    index += 1;
    if (!written.ok)
      return {
        ok: false,
        observed: written.error ?? written.stderr.trim(),
        expected: `${path} written`,
        captured: {},
      };
    if (!action.run)
      return { ok: true, observed: `${path} written`, expected: `${path} written`, captured: {} };
  }
  const all = listActionCommands(action);
  const commands = all.slice(skip);
  // Commands keep their position in the action, so a second interruption is settled at the right one.
  index += skip;
  const stdin = 'stdin' in action && action.stdin !== undefined ? interpolate(action.stdin, v) : undefined;
  const interactive = 'interactive' in action && action.interactive;
  let result: ExecResult | undefined;
  let evaluation: Evaluation | undefined;
  for (const [position, command] of commands.entries()) {
    const argv = interpolateArgv(command.argv, v);
    emitEvent(deps, {
      type: 'action-started',
      stepId: target.stepId,
      kind: 'run',
      host: target.host,
      command: deps.transport.render(target.host, argv),
      rollback: target.rollback,
      attempt: target.attempt,
      commandIndex: index,
      clockMs: deps.clock.now(),
    });
    result = await deps.transport.exec(target.host, argv, {
      timeoutMs,
      signal: deps.signal,
      interactive,
      ...(stdin === undefined ? {} : { stdin }),
    });
    const expect = interpolateExpect(command.expect, v);
    evaluation = evaluateCommand(result, expect);
    finish(deps, target, result, index, evaluation.ok);
    index += 1;
    showOutput(deps, result);
    if (!evaluation.ok) {
      // In a sequence, say which command failed: the operator retries knowing what already ran.
      const which =
        all.length > 1
          ? ` from command ${skip + position + 1} of ${all.length} (${deps.transport.render(target.host, argv)})`
          : '';
      return { ...evaluation, expected: `${describeExpect(expect)}${which}`, captured: {} };
    }
  }
  const last = all.at(-1)!;
  const captured = action.capture ? captureVariables(result!.stdout, action.capture) : {};
  return { ...evaluation!, expected: describeExpect(interpolateExpect(last.expect, v)), captured };
}

function finish(
  deps: EngineDeps,
  target: ActionTarget,
  result: ExecResult,
  commandIndex: number,
  met?: boolean,
): void {
  emitEvent(deps, {
    type: 'action-finished',
    stepId: target.stepId,
    commandIndex,
    rollback: target.rollback,
    ok: result.ok,
    ...(met === undefined ? {} : { met }),
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    stdout: keep(result.stdout, result.printed?.stdout),
    stderr: keep(result.stderr, result.printed?.stderr),
    timedOut: result.timedOut,
    canceled: result.canceled,
    attempt: target.attempt,
  });
}

function showOutput(deps: EngineDeps, result: ExecResult): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const text = result[stream];
    if (!text.trim()) continue;
    const printedLines = result.printed?.[stream].lines;
    deps.operator.show({ kind: 'output', text, stream, ...(printedLines ? { printedLines } : {}) });
  }
}

/** The start of a stream for the journal, and a note saying how much the command printed in all. */
function keep(text: string, printed?: OutputSize): string {
  if (text.length <= KEPT_OUTPUT_CHARS) return text;
  const total = printed
    ? `the command printed ${printed.bytes} bytes in ${printed.lines} lines`
    : `${text.length} characters in all`;
  return `${text.slice(0, KEPT_OUTPUT_CHARS)}\n… (the journal keeps the first ${KEPT_OUTPUT_CHARS} characters; ${total})`;
}

function manualResult(done: boolean): ExecResult {
  return {
    ok: done,
    exitCode: done ? 0 : 1,
    stdout: '',
    stderr: '',
    durationMs: 0,
    timedOut: false,
    canceled: false,
  };
}
