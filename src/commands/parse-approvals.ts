import { InvalidInputError } from '../errors.js';

/** `--approvals <n>`: people a destructive action needs (1 = the operator alone, up to 5). */
export function parseApprovals(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 5)
    throw new InvalidInputError(
      `--approvals ${text}: give the number of people a destructive action needs, 1 to 5 (2 = the operator and a second person).`,
    );
  return n;
}
