import { describe, expect, it } from 'vitest';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const header = runbookHeader('');
const print = (text: string) => [`node`, `-e`, `process.stdout.write(${JSON.stringify(text)})`];
const yamlArgv = (argv: string[]) => `[${argv.map((a) => `'${a.replace(/'/g, "''")}'`).join(', ')}]`;

describe('variables in expectations and patterns', () => {
  it("interpolates an action's expect (defect 1): the action passes when its output names the value", async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: promote
    title: Promote
    confirm: false
    action:
      run: ${yamlArgv(print('role: primary on db2\n'))}
      expect: { stdout: 'primary on {{replica}}' }
    post: [{ run: ['true'] }]
    irreversible: test
`,
      [],
      { vars: { replica: 'db2' } },
    );
    expect(run.result.outcome).toBe('succeeded');
  });

  it('matches a value as literal text in a regex (defect 3): a key "user(1" does not crash, a dotted address does not match any character', async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: check
    title: Check
    pre:
      - run: ${yamlArgv(print('key user(1 present\n'))}
        expect: { stdout: 'key {{key}} present' }
        label: the key is there
      - run: ${yamlArgv(print('listening on 10a0b0c1\n'))}
        expect: { stdout: 'listening on {{address}}' }
        label: the address is listed
`,
      [{ failure: 'check', value: 'abort' }],
      { vars: { key: 'user(1', address: '10.0.0.1' } },
    );
    const checks = run.events.filter((e) => e.type === 'check-passed' || e.type === 'check-failed');
    expect(checks.map((c) => c.type)).toEqual(['check-passed', 'check-failed']);
    expect(run.result.outcome).toBe('aborted');
  });

  it('uses a value as a pattern only when the runbook says so with {{name | regex}}', async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: check
    title: Check
    pre:
      - run: ${yamlArgv(print('version 15.4\n'))}
        expect: { stdout: 'version {{major | regex}}' }
`,
      [],
      { vars: { major: '1[0-9]\\.' } },
    );
    expect(run.result.outcome).toBe('succeeded');
  });

  it('says which stream a failed check saw and shows the line the expectation was about (defect 12)', async () => {
    const output = 'starting\nsecret server name : SSO01\nfailover complete, no failures\n';
    const run = await runScripted(
      `${header}
steps:
  - id: check
    title: Check
    pre:
      - run: ${yamlArgv(print(output))}
        expect: { stdout: 'secret server name\\s*:\\s*{{newMss}}' }
      - run: [node, -e, 'console.log("fine so far"); console.error("ERROR: 0xC0002A1B : wrong password"); process.exit(3)']
`,
      [{ failure: 'check', value: 'abort' }],
      { vars: { newMss: 'BTS01' } },
    );
    const failed = run.events
      .filter((e) => e.type === 'check-failed')
      .map((e) => ('observed' in e ? e.observed : ''));
    expect(failed).toEqual([
      'stdout did not match; stdout says "secret server name : SSO01"',
      'exit code 3; stderr: "ERROR: 0xC0002A1B : wrong password"',
    ]);
  });
});

describe('probes take interpolated values (defect 15)', () => {
  it('checks a port given as a {{variable}}, and fails in words when the value is not a port', async () => {
    const { createServer } = await import('node:net');
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = String((server.address() as { port: number }).port);
    try {
      const run = await runScripted(
        `${header}
steps:
  - id: reach
    title: Reach
    pre:
      - port: { host: 127.0.0.1, port: '{{port}}' }
      - port: { host: 127.0.0.1, port: '{{notAPort}}' }
`,
        [{ failure: 'reach', value: 'abort' }],
        { vars: { port, notAPort: 'five' } },
      );
      const checks = run.events.filter((e) => e.type === 'check-passed' || e.type === 'check-failed');
      expect(checks.map((c) => c.type)).toEqual(['check-passed', 'check-failed']);
      expect(checks[1]).toMatchObject({
        observed: 'not run: {{notAPort}} is "five", not a port number (1-65535)',
      });
    } finally {
      server.close();
    }
  });
});
