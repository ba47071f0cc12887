import type { FailureChoice, InputRequest, Operator, OperatorMessage } from '../engine/ports.js';
import type { Runbook } from '../runbook/schema.js';
import { InvalidInputError } from '../errors.js';
import { type Answers, type AnswerValue, resolveAnswerValue } from './answers-file.js';
import { verifySecretText } from './read-secret-file.js';

/** Step ids of forEach instances (`restart-entsso@BTS01`) fall back to the step's own id. */
const baseId = (stepId: string) => stepId.split('@')[0]!;

/**
 * Answers every prompt from an answers file (drills, CI). A prompt with no answer is an error
 * naming the missing key: it never guesses.
 */
export function createAnswersOperator(
  answers: Answers,
  options: { source: string; show: (message: OperatorMessage) => void },
): Operator {
  const used = new Map<string, number>();
  const next = (key: string, list: AnswerValue | AnswerValue[] | undefined): AnswerValue | undefined => {
    if (!Array.isArray(list)) return list;
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    return list[Math.min(index, list.length - 1)];
  };
  const stepAnswers = (stepId: string) => answers.steps[stepId] ?? answers.steps[baseId(stepId)];
  return {
    identity: () => `answers file ${options.source}`,
    show: options.show,
    ask: async (request: InputRequest) => {
      const raw = next(
        `${request.stepId}:${request.key}`,
        (request.stepId ? stepAnswers(request.stepId)?.inputs?.[request.key] : undefined) ??
          answers.inputs[request.key],
      );
      // An input with a default needs no answer: the file says only what differs.
      if (raw === undefined && request.default !== undefined) return request.default;
      if (raw === undefined)
        throw missing(
          [
            request.stepId
              ? `steps.${baseId(request.stepId)}.inputs.${request.key} or inputs.${request.key}`
              : `inputs.${request.key}`,
          ],
          options.source,
        );
      const value = await resolveAnswerValue(request.key, raw);
      if (request.type === 'secret') verifySecretAnswer(request.key, value, options.source);
      const verdict = request.validate?.(
        request.type === 'boolean' ? value === true || value === 'yes' || value === 'true' : String(value),
      );
      if (verdict !== undefined && verdict !== true)
        throw new InvalidInputError(
          `answer for ${request.key} in ${options.source} is not valid: ${verdict}.`,
        );
      return request.type === 'boolean'
        ? value === true || value === 'yes' || value === 'true'
        : String(value);
    },
    confirm: async (request) => {
      const answer = stepAnswers(request.stepId)?.confirm;
      if (answer !== undefined) return answer;
      // A blanket "confirm: all" never takes over another operator's lock.
      if (answers.confirm === 'all' && request.stepId !== 'take-over-stale-lock') return true;
      // The lock takeover has its own key, which `confirm: all` does not cover.
      const blanket = request.stepId === 'take-over-stale-lock' ? '' : ' (or confirm: all)';
      throw missing([`steps.${baseId(request.stepId)}.confirm${blanket}`], options.source);
    },
    chooseOnFailure: async (request) => {
      const choice = next(`failure:${request.stepId}`, stepAnswers(request.stepId)?.onFailure) as
        | FailureChoice
        | undefined;
      if (!choice)
        throw missing(
          [`steps.${baseId(request.stepId)}.onFailure (step failed: ${request.reason})`],
          options.source,
        );
      if (!request.choices.includes(choice))
        throw new InvalidInputError(
          `answers file says ${choice} for the failure of ${request.stepId}, but only ${request.choices.join(', ')} are possible there.`,
        );
      return choice;
    },
    reason: async (request) => {
      const reason = stepAnswers(request.stepId)?.skipReason;
      if (!reason) throw missing([`steps.${baseId(request.stepId)}.skipReason`], options.source);
      return reason;
    },
    manual: async (request) => {
      const answer = stepAnswers(request.stepId)?.manual;
      if (!answer)
        throw missing([`steps.${baseId(request.stepId)}.manual (done or not-done)`], options.source);
      return answer === 'done';
    },
  };
}

/** Every answer the file lacks for this runbook, found before anything runs. */
export function findMissingAnswers(runbook: Runbook, answers: Answers): string[] {
  const missing = Object.entries(runbook.inputs)
    .filter(([key, input]) => answers.inputs[key] === undefined && input.default === undefined)
    .map(([key]) => key)
    .map((key) => `inputs.${key}`);
  for (const step of runbook.steps) {
    const own = answers.steps[step.id];
    for (const [key, input] of Object.entries(step.inputs ?? {})) {
      if (
        own?.inputs?.[key] === undefined &&
        answers.inputs[key] === undefined &&
        input.default === undefined
      )
        missing.push(`steps.${step.id}.inputs.${key}`);
    }
    const action = step.action;
    if (action && 'manual' in action && own?.manual === undefined) missing.push(`steps.${step.id}.manual`);
    if (
      action &&
      !('manual' in action) &&
      step.confirm !== false &&
      own?.confirm === undefined &&
      answers.confirm !== 'all'
    ) {
      missing.push(`steps.${step.id}.confirm`);
    }
  }
  return missing;
}

function missing(keys: string[], source: string): InvalidInputError {
  return new InvalidInputError(
    `the answers file ${source} has no answer for: ${keys.join(', ')}. Add it and run again.`,
  );
}

/** A secret typed into the answers file itself is checked like one read from a file. */
function verifySecretAnswer(key: string, value: string | boolean, source: string): void {
  try {
    verifySecretText(String(value));
  } catch (error) {
    throw new InvalidInputError(
      `answer for ${key} in ${source} was not used: ${(error as Error).message}. Write the value again as plain text.`,
    );
  }
}
