import type { FailureChoice, InputRequest, Operator, OperatorMessage } from '../../src/engine/ports.js';

/** One scripted answer: matched against the prompt kind and (optionally) key/step. */
export type ScriptedAnswer =
  | { ask: string; value: string | boolean }
  | { confirm: string; value: boolean }
  | { failure: string; value: FailureChoice }
  | { reason: string; value: string }
  | { manual: string; value: boolean };

/**
 * A test operator that answers from a script, in order, and throws `Unexpected prompt: "…"` when the
 * engine asks something the script did not expect. Everything shown is kept for assertions.
 */
export function createScriptedOperator(script: ScriptedAnswer[]) {
  const queue = [...script];
  const shown: OperatorMessage[] = [];
  const prompts: string[] = [];
  /** every failure menu as the engine opened it: its reason and its choices, in order */
  const menus: Parameters<Operator['chooseOnFailure']>[0][] = [];
  const take = <K extends 'ask' | 'confirm' | 'failure' | 'reason' | 'manual'>(
    kind: K,
    key: string,
    label: string,
  ) => {
    prompts.push(`${kind}:${key}`);
    const next = queue[0];
    if (!next || !(kind in next) || (next as Record<string, unknown>)[kind] !== key) {
      throw new Error(
        `Unexpected prompt: "${label}" (${kind}:${key}); next scripted answer: ${JSON.stringify(next)}`,
      );
    }
    queue.shift();
    return next.value;
  };
  const operator: Operator = {
    identity: () => 'test-operator',
    show: (message) => void shown.push(message),
    ask: async (request: InputRequest) => {
      const value = take('ask', request.key, request.prompt);
      const verdict = request.validate?.(value as string | boolean);
      if (verdict !== undefined && verdict !== true)
        throw new Error(`scripted answer for ${request.key} is invalid: ${verdict}`);
      return value as string | boolean;
    },
    confirm: async (request) => take('confirm', request.stepId, request.message) as boolean,
    chooseOnFailure: async (request) => {
      menus.push(request);
      const choice = take('failure', request.stepId, request.reason) as FailureChoice;
      if (!request.choices.includes(choice))
        throw new Error(`${choice} is not offered for ${request.stepId}: ${request.choices.join(',')}`);
      return choice;
    },
    reason: async (request) => take('reason', request.stepId, request.prompt) as string,
    manual: async (request) => take('manual', request.stepId, request.instructions) as boolean,
  };
  return { operator, shown, prompts, menus, remaining: () => queue.length };
}
