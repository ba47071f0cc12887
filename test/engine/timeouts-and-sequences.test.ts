import { describe, expect, it } from 'vitest';
import { makeWorkDir, runbookHeader, runScripted } from '../support/engine-harness.js';

const header = runbookHeader('');

describe('timeouts of checks and rollbacks', () => {
  it("bounds a hung check command by its wait's timeout (defect 5)", async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: hang
    title: Hang
    pre:
      - run: [sleep, '30']
        wait: { timeout: 1s, interval: 1s }
`,
      [{ failure: 'hang', value: 'abort' }],
    );
    const failed = run.events.find((e) => e.type === 'check-failed');
    expect(failed).toMatchObject({ observed: expect.stringMatching(/^timed out after \ds$/) });
  });

  it('bounds a check by its own timeout when it has one', async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: hang
    title: Hang
    pre:
      - run: [sleep, '30']
        timeout: 1s
`,
      [{ failure: 'hang', value: 'abort' }],
    );
    expect(run.events.find((e) => e.type === 'check-failed')).toMatchObject({
      observed: expect.stringMatching(/^timed out/),
    });
  });

  it("bounds a rollback by the step's timeout (defect 6)", async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      `${header}
steps:
  - id: act
    title: Act
    confirm: false
    timeout: 1s
    action: { run: ['true'] }
    post: [{ file: { path: '${dir}/never' } }]
    rollback: { run: [sleep, '30'] }
`,
      [
        { failure: 'act', value: 'rollback' },
        { failure: 'act', value: 'abort' },
      ],
    );
    const rollback = run.events.find((e) => e.type === 'action-finished' && e.rollback);
    expect(rollback).toMatchObject({ timedOut: true });
    expect(run.menus[1]!.reason).toMatch(/^its rollback failed: expected exit code 0; got timed out/);
  });
});

describe('sequences', () => {
  it('judges each command on its own and names the one that failed (defect 14)', async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: promote
    title: Promote
    confirm: false
    action:
      sequence:
        - ['true']
        - run: [node, -e, 'console.log("role: replica")']
          expect: { stdout: 'role: primary' }
        - ['true']
    post: [{ run: ['true'] }]
    irreversible: test
`,
      [{ failure: 'promote', value: 'abort' }],
    );
    expect(run.menus[0]!.reason).toBe(
      `expected exit code 0, output showing "role: primary" from command 2 of 3 (node -e 'console.log("role: replica")'); got stdout did not match; stdout says "role: replica"`,
    );
    expect(run.events.filter((e) => e.type === 'action-started')).toHaveLength(2);
  });

  it('expects exit 0 of a bare command in the middle, and names it when it fails', async () => {
    const run = await runScripted(
      `${header}
steps:
  - id: promote
    title: Promote
    confirm: false
    action:
      sequence: [['true'], ['false'], ['true']]
    post: [{ run: ['true'] }]
    irreversible: test
`,
      [{ failure: 'promote', value: 'abort' }],
    );
    expect(run.menus[0]!.reason).toBe(
      'expected exit code 0 from command 2 of 3 (false); got exit code 1; no output',
    );
  });
});
