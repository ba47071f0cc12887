import { OperatorError } from '../errors.js';

export async function drillCommand(_options: Record<string, unknown>): Promise<number> {
  throw new OperatorError('drill is being built; use `run` for now.');
}
