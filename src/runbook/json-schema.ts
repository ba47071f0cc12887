import { z } from 'zod';
import { EnvironmentSchema } from './environment-schema.js';
import { RunbookSchema } from './schema.js';

/**
 * JSON Schemas for editors, generated from the zod schemas in input mode so that fields with
 * defaults are optional for authors. runbooks/*.schema.json are kept equal to these by a test.
 */
export function createRunbookJsonSchema(): Record<string, unknown> {
  return {
    title: 'sso-failover runbook',
    ...z.toJSONSchema(RunbookSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

export function createEnvironmentJsonSchema(): Record<string, unknown> {
  return {
    title: 'sso-failover environment',
    ...z.toJSONSchema(EnvironmentSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
