import { InvalidInputError } from '../errors.js';
import type { Answers, AnswerValue } from './answers-file.js';

/**
 * Read every `{ env: NAME }` answer once, up front, and remove NAME from this process's environment, so
 * no child process (lab tools, ssh, PowerShell, the commands of the runbook) inherits the secret. The
 * answers come back with the values in place of the references.
 */
export function takeEnvAnswers(answers: Answers): Answers {
  const taken = new Map<string, string>();
  const take = (key: string, answer: AnswerValue): AnswerValue => {
    if (typeof answer !== 'object' || !('env' in answer)) return answer;
    const known = taken.get(answer.env);
    if (known !== undefined) return known;
    const value = process.env[answer.env];
    if (value === undefined)
      throw new InvalidInputError(
        `answer for ${key} comes from environment variable ${answer.env}, which is not set. Set it or change the answers file.`,
      );
    taken.set(answer.env, value);
    return value;
  };
  const takeAll = (inputs: Record<string, AnswerValue | AnswerValue[]>) =>
    Object.fromEntries(
      Object.entries(inputs).map(([key, answer]) => [
        key,
        Array.isArray(answer) ? answer.map((a) => take(key, a)) : take(key, answer),
      ]),
    );
  const result: Answers = {
    ...answers,
    inputs: takeAll(answers.inputs),
    steps: Object.fromEntries(
      Object.entries(answers.steps).map(([id, step]) => [
        id,
        step.inputs ? { ...step, inputs: takeAll(step.inputs) } : step,
      ]),
    ),
  };
  for (const name of taken.keys()) delete process.env[name];
  return result;
}
