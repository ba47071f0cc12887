import { describe, expect, it } from 'vitest';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const runbook = `${runbookHeader('')}inputs:
  findPrimary: { type: boolean, prompt: Look the primary up? }
steps:
  - id: find-primary
    title: Find the primary
    when: findPrimary
    pre:
      - run: [node, -e, 'console.log("primary=db1:5432")']
        capture: ['primary=(?<primary>\\S+)']
  - id: use-primary
    title: Use {{primary}}
    pre:
      - run: [node, -e, 'console.log("using " + process.argv[1])', '{{primary}}']
        expect: { stdout: 'using {{primary}}' }
`;

describe('a value captured by a step that did not run', () => {
  it('asks the operator to enter it instead of crashing, and uses the entered value', async () => {
    const run = await runScripted(runbook, [
      { ask: 'findPrimary', value: false },
      { failure: 'use-primary', value: 'enter' },
      { ask: 'primary', value: 'db9:5432' },
    ]);
    expect(run.result.outcome).toBe('succeeded');
    expect(run.menus[0]!.choices).toEqual(['enter', 'skip', 'abort']);
    expect(run.menus[0]!.reason).toContain('{{primary}} (captured by find-primary');
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'input-provided', key: 'primary', value: 'db9:5432' }),
    );
    expect(run.events.find((e) => e.type === 'check-passed')).toMatchObject({ observed: '"using db9:5432"' });
  });

  it('lets the operator skip the dependent step too, with a reason', async () => {
    const run = await runScripted(runbook, [
      { ask: 'findPrimary', value: false },
      { failure: 'use-primary', value: 'skip' },
      { reason: 'use-primary', value: 'no primary to use' },
    ]);
    expect(run.result.outcome).toBe('succeeded');
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'step-skipped', stepId: 'use-primary', reason: 'no primary to use' }),
    );
  });

  it('asks on resume too, when the capturing step was skipped in the session before', async () => {
    const run = await runScripted(
      runbook,
      [
        { failure: 'use-primary', value: 'enter' },
        { ask: 'primary', value: 'db9:5432' },
      ],
      { vars: { findPrimary: 'true' }, runOptions: { resumed: { completed: ['find-primary'] } } },
    );
    expect(run.result.outcome).toBe('succeeded');
  });

  it('reads a value no step set as empty in a condition, and still asks for it where the step uses it', async () => {
    const run = await runScripted(
      runbook.replace('  - id: use-primary\n', "  - id: use-primary\n    when: primary != 'none'\n"),
      [
        { ask: 'findPrimary', value: false },
        { failure: 'use-primary', value: 'abort' },
      ],
    );
    expect(run.result.outcome).toBe('aborted');
    expect(run.menus[0]!.choices).toEqual(['enter', 'skip', 'abort']);
  });
});
