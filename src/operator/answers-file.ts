import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import { formatProblem, parseYaml } from '../runbook/parse-yaml.js';
import { readTextFile } from '../runbook/read-text-file.js';
import { readSecretFile, verifySecretText } from './read-secret-file.js';

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
    text = readTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      code
        ? `cannot read answers file ${file}: ${code}. Check the --answers path.`
        : `cannot read answers file ${file}: ${(error as Error).message}.`,
    );
  }
  const parsed = parseYaml(text, file, AnswersSchema);
  if (!parsed.value)
    throw new InvalidInputError(
      `${file} is not a valid answers file:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  return parsed.value;
}

/**
 * Turn `{ env: X }` / `{ file: Y }` into the value; errors name the key and what to do. Values from
 * there are mostly secrets, so they are checked as secrets: garbled text is refused, never passed on.
 */
export async function resolveAnswerValue(key: string, answer: AnswerValue): Promise<string | boolean> {
  if (typeof answer !== 'object') return answer;
  if ('env' in answer) {
    const fromEnv = process.env[answer.env];
    if (fromEnv === undefined)
      throw new InvalidInputError(
        `answer for ${key} comes from environment variable ${answer.env}, which is not set. Set it or change the answers file.`,
      );
    try {
      verifySecretText(fromEnv);
    } catch (error) {
      throw new InvalidInputError(
        `answer for ${key} comes from environment variable ${answer.env}, but ${(error as Error).message}. Set it again from a UTF-8 source.`,
      );
    }
    return fromEnv;
  }
  try {
    return await readSecretFile(answer.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      `answer for ${key} comes from file ${answer.file}, which was not used: ${code ?? (error as Error).message}. Point it at a regular file holding only the value, saved as UTF-8 or UTF-16 with a BOM.`,
    );
  }
}
