import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/runbook/environment-schema.js';
import { lintRunbook } from '../../src/runbook/lint-rules.js';
import { RunbookSchema } from '../../src/runbook/schema.js';
import { parse } from 'yaml';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const environment: Environment = {
  name: 'two-instances',
  drill: false,
  hosts: {
    'db-a': { roles: ['postgres'], transport: { type: 'local' }, vars: { port: '5432' } },
    'db-b': { roles: ['postgres'], transport: { type: 'local' }, vars: { port: '5433' } },
  },
  vars: {},
};

const runbook = `${runbookHeader('')}steps:
  - id: each-instance
    title: Instance {{server}}
    sources: [{ site-practice: a test }]
    forEach: { as: server, role: postgres }
    on: '{{server}}'
    pre:
      - run: [node, -e, 'console.log(process.argv[1])', '{{server}}:{{server.port}}']
        expect: { stdout: '^{{server}}:{{server.port}}$' }
`;

describe('per-host variables', () => {
  it('gives each forEach instance its host own values as {{server.port}}', async () => {
    const run = await runScripted(runbook, [], { environment });
    expect(run.result.outcome).toBe('succeeded');
    expect(
      run.events.filter((e) => e.type === 'check-passed').map((e) => 'observed' in e && e.observed),
    ).toEqual(['"db-a:5432"', '"db-b:5433"']);
  });

  it('lint accepts {{server.port}} in a forEach step and names the hosts that lack the value', () => {
    const parsed = RunbookSchema.parse(parse(runbook));
    const locate = () => ({ line: 1, col: 1 });
    expect(lintRunbook(parsed, 'rb.yaml', locate, environment)).toEqual([]);
    const lacking: Environment = {
      ...environment,
      hosts: { ...environment.hosts, 'db-b': { roles: ['postgres'], transport: { type: 'local' } } },
    };
    expect(lintRunbook(parsed, 'rb.yaml', locate, lacking).map((p) => p.message)).toContain(
      '{{server.port}}: host(s) db-b of environment "two-instances" define no port under vars:',
    );
  });
});
