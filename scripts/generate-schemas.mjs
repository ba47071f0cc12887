// Writes runbooks/runbook.schema.json and runbooks/environment.schema.json from the zod schemas (run after build).
import { writeFileSync } from 'node:fs';
import { createEnvironmentJsonSchema, createRunbookJsonSchema } from '../dist/runbook/json-schema.js';

writeFileSync(new URL('../runbooks/runbook.schema.json', import.meta.url), `${JSON.stringify(createRunbookJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../runbooks/environments/environment.schema.json', import.meta.url), `${JSON.stringify(createEnvironmentJsonSchema(), null, 2)}\n`);
console.log('wrote runbooks/runbook.schema.json and runbooks/environments/environment.schema.json');
