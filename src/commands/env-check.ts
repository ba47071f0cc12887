import { OperatorError } from '../errors.js';

export async function envCheckCommand(_file: string, _options: Record<string, unknown>): Promise<number> {
  throw new OperatorError('env check is not built yet.');
}
