import { OperatorError } from '../errors.js';

export async function drillsCommand(_options: Record<string, unknown>): Promise<number> {
  throw new OperatorError('drills is not built yet.');
}
