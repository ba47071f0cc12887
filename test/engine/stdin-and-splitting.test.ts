import { describe, expect, it } from 'vitest';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const header = runbookHeader('');

describe('a check with a secret on stdin', () => {
  it('passes the secret on stdin, never in argv, and keeps it out of the events', async () => {
    const run = await runScripted(
      `${header}
inputs:
  redisPassword: { type: secret, prompt: Redis password }
steps:
  - id: ping
    title: Ping the password-protected server
    pre:
      - run: [node, -e, 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.trim()==="s3cret!"?"PONG":"NOAUTH"))']
        stdin: '{{redisPassword}}'
        expect: { stdout: '^PONG$' }
`,
      [{ ask: 'redisPassword', value: 's3cret!' }],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(JSON.stringify(run.events)).not.toContain('s3cret!');
  });
});

describe('splitting an answer without shelling out', () => {
  it('turns host:port into two variables with an input capture, journaled like inputs', async () => {
    const run = await runScripted(
      `${header}
inputs:
  newPrimary:
    type: string
    prompt: New primary (host:port)
    pattern: '^[^:]+:\\d+$'
    capture: ['^(?<pgHost>[^:]+):(?<pgPort>\\d+)$']
steps:
  - id: show
    title: Show {{pgHost}} and {{pgPort}}
    pre:
      - run: [node, -e, 'console.log(process.argv[1] + " " + process.argv[2])', '{{pgHost}}', '{{pgPort}}']
        expect: { stdout: '^db2 5433$' }
`,
      [{ ask: 'newPrimary', value: 'db2:5433' }],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'input-provided', key: 'pgPort', value: '5433' }),
    );
  });
});

describe('lint of input captures and check stdin', () => {
  it('knows the parts of a split answer, and allows a secret in a check stdin only', async () => {
    const { parse } = await import('yaml');
    const { RunbookSchema } = await import('../../src/runbook/schema.js');
    const { lintRunbook } = await import('../../src/runbook/lint-rules.js');
    const runbook = RunbookSchema.parse(
      parse(`${header}
inputs:
  newPrimary: { type: string, prompt: New primary, capture: ['^(?<pgHost>[^:]+):(?<pgPort>\\d+)$'] }
  password: { type: secret, prompt: Password, capture: ['(?<first>.)'] }
steps:
  - id: ping
    title: Ping {{pgHost}}:{{pgPort}}
    sources: [{ site-practice: a test }]
    pre:
      - run: [redis-cli, -h, '{{pgHost}}', -p, '{{pgPort}}', --askpass, ping]
        stdin: '{{password}}'
      - run: [echo, '{{password}}']
`),
    );
    const messages = lintRunbook(runbook, 'rb.yaml', () => ({ line: 1, col: 1 })).map((p) => p.message);
    expect(messages).toEqual([
      'secret input password cannot be split with capture: its parts would be journaled in clear text',
      'secret {{password}} may only be passed on stdin (of an action or a check), never in argv, paths, text or conditions',
    ]);
  });
});
