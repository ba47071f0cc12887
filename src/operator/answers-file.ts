import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { formatProblem, parseYaml } from '../runbook/parse-yaml.js';

const scalar = z.union([z.string(), z.boolean(), z.number().transform(String)]);
/** A value, or where to read it from, so secrets need not sit in the file. */
const value = z.union([
  scalar,
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);
const yesNo = z.union([z.boolean(), z.enum(['yes', 'no', 'y', 'n']).transform((v) => v.startsWith('y'))]);
const choice = z.enum(['retry', 'rerun', 'skip', 'rollback', 'abort', 'accept', 'enter']);

export const AnswersSchema = z.strictObject({
  /** inputs by name; a list gives successive answers (e.g. a password retried) */
  inputs: z.record(z.string(), z.union([value, z.array(value).min(1)])).default({}),
  /** `all`: confirm every action; otherwise per step */
  confirm: z.literal('all').optional(),
  steps: z
    .record(
      z.string(),
      z.strictObject({
        confirm: yesNo.optional(),
        inputs: z.record(z.string(), z.union([value, z.array(value).min(1)])).optional(),
        /** decisions for successive failures of this step, in order */
        onFailure: z.array(choice).optional(),
        skipReason: z.string().min(1).optional(),
        manual: z.enum(['done', 'not-done']).optional(),
      }),
    )
    .default({}),
});

export type Answers = z.infer<typeof AnswersSchema>;
export type AnswerValue = z.infer<typeof value>;

export function loadAnswersFile(file: string): Answers {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(
      `cannot read answers file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}. Check the --answers path.`,
    );
  }
  const parsed = parseYaml(text, file, AnswersSchema);
  if (!parsed.value)
    throw new InvalidInputError(
      `${file} is not a valid answers file:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  return parsed.value;
}

/** Turn `{ env: X }` / `{ file: Y }` into the value; errors name the key and what to do. */
export function resolveAnswerValue(key: string, answer: AnswerValue): string | boolean {
  if (typeof answer !== 'object') return answer;
  if ('env' in answer) {
    const fromEnv = process.env[answer.env];
    if (fromEnv === undefined)
      throw new InvalidInputError(
        `answer for ${key} comes from environment variable ${answer.env}, which is not set. Set it or change the answers file.`,
      );
    return fromEnv;
  }
  try {
    return readFileSync(answer.file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new InvalidInputError(
      `answer for ${key} comes from file ${answer.file}, which cannot be read (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
}
