import { OperatorError } from '../errors.js';

export async function exportCommand(_runbook: string, _options: Record<string, unknown>): Promise<number> {
  throw new OperatorError('export is not built yet.');
}
