import { OperatorError } from '../errors.js';

export async function reportCommand(
  _runId: string | undefined,
  _options: Record<string, unknown>,
): Promise<number> {
  throw new OperatorError('report is not built yet.');
}
