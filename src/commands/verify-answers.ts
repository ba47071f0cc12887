import { validateInput } from '../engine/collect-inputs.js';
import { evaluateCondition } from '../runbook/evaluate-condition.js';
import type { Answers, AnswerValue } from '../operator/answers-file.js';
import { resolveAnswerValue } from '../operator/answers-file.js';
import { findMissingAnswers } from '../operator/answers-operator.js';
import type { Environment } from '../runbook/environment-schema.js';
import { hostsWithRole } from '../runbook/hosts-with-role.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { conditionVariables, parseCondition } from '../runbook/parse-condition.js';
import type { Input, Runbook } from '../runbook/schema.js';

/** Step ids the engine asks about that are not runbook steps. */
const ENGINE_KEYS = new Set(['take-over-stale-lock']);

/**
 * Check a whole answers file against the runbook and environment before anything runs: every answer the run
 * will need is there (a step whose `when:` is already known to be false needs none), every value is one
 * the prompt would accept, and every step it names exists. One list of problems, so one fix and one run.
 */
export async function verifyAnswers(
  runbook: Runbook,
  answers: Answers,
  environment: Environment,
  vars: Readonly<Record<string, string>>,
): Promise<string[]> {
  const known = knownAtStart(runbook, answers, environment, vars);
  const notNeeded = new Set(
    runbook.steps.filter((step) => step.when && isKnownFalse(step.when, known)).map((s) => s.id),
  );
  const needed: Runbook = { ...runbook, steps: runbook.steps.filter((step) => !notNeeded.has(step.id)) };
  const problems = findMissingAnswers(needed, answers).map((key) => `no answer for ${key}`);
  for (const [key, input] of Object.entries(runbook.inputs))
    problems.push(...(await checkValues(`inputs.${key}`, input, answers.inputs[key], environment, known)));
  for (const step of runbook.steps) {
    for (const [key, input] of Object.entries(step.inputs ?? {})) {
      const own = answers.steps[step.id]?.inputs?.[key];
      const where = own !== undefined ? `steps.${step.id}.inputs.${key}` : `inputs.${key}`;
      problems.push(...(await checkValues(where, input, own ?? answers.inputs[key], environment, known)));
    }
  }
  const ids = new Set(runbook.steps.map((s) => s.id));
  for (const id of Object.keys(answers.steps))
    if (!ids.has(id.split('@')[0]!) && !ENGINE_KEYS.has(id))
      problems.push(
        `steps.${id}: runbook ${runbook.id} has no step ${id} (a typo, or an answers file for another runbook?)`,
      );
  return problems;
}

async function checkValues(
  where: string,
  input: Input,
  answer: AnswerValue | AnswerValue[] | undefined,
  environment: Environment,
  known: Readonly<Record<string, string>>,
): Promise<string[]> {
  if (answer === undefined) return [];
  const list = Array.isArray(answer) ? answer : [answer];
  const choices =
    input.type === 'host' && input.from ? hostsWithRole(environment, input.from) : input.choices;
  const excluded = (input.exclude ?? [])
    .map((text) => interpolateKnown(text, known).toLowerCase())
    .filter((text) => !text.includes('{{'));
  const problems: string[] = [];
  for (const item of list) {
    let value: string | boolean;
    try {
      value = await resolveAnswerValue(where, item);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const typed = input.type === 'boolean' ? toBoolean(value) : String(value);
    if (typeof typed === 'string' && excluded.includes(typed.toLowerCase())) {
      problems.push(`${where}: ${typed} is not allowed here`);
      continue;
    }
    const verdict = validateInput(input, typed, choices);
    if (verdict !== true)
      problems.push(
        `${where}: ${input.type === 'secret' ? 'the value' : JSON.stringify(typed)} is not valid: ${verdict}`,
      );
  }
  return problems;
}

function toBoolean(value: string | boolean): boolean | string {
  if (typeof value === 'boolean') return value;
  if (/^(yes|y|true)$/i.test(value)) return true;
  if (/^(no|n|false)$/i.test(value)) return false;
  return value;
}

/** Values known before the first step: the environment's, --var, and the answers file's plain inputs. */
function knownAtStart(
  runbook: Runbook,
  answers: Answers,
  environment: Environment,
  vars: Readonly<Record<string, string>>,
): Record<string, string> {
  const known: Record<string, string> = { ...environment.vars, ...vars, environment: environment.name };
  for (const [key, input] of Object.entries(runbook.inputs)) {
    const answer = answers.inputs[key] ?? input.default;
    if (
      input.type === 'secret' ||
      answer === undefined ||
      Array.isArray(answer) ||
      typeof answer === 'object'
    )
      continue;
    known[key] = String(answer);
  }
  return known;
}

/** True only when every value the condition reads is known now and it is false. */
function isKnownFalse(when: string, known: Readonly<Record<string, string>>): boolean {
  try {
    const names = conditionVariables(parseCondition(when)).map((v) => v.name);
    return names.every((name) => known[name] !== undefined) && !evaluateCondition(when, known);
  } catch {
    return false;
  }
}
