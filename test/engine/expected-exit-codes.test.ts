import { describe, expect, it } from 'vitest';
import { computeOutcome, describeComputedOutcome } from '../../src/engine/compute-outcome.js';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

// robocopy exits 1 when it copied a file: a runbook says so with expect: { exitCode: 1 }
const COPY = runbookHeader(`steps:
  - id: copy
    title: Copy
    action:
      run: [sh, -c, 'echo copied; exit 1']
      expect: { exitCode: 1 }
    post:
      - run: [sh, -c, 'true']
    irreversible: test
`);

describe('an action whose exit code is the one its expect names', () => {
  it('is done, not "done after a failure"', async () => {
    const { events } = await runScripted(COPY, [{ confirm: 'copy', value: true }]);
    const outcome = computeOutcome(events);
    expect(outcome).toMatchObject({ done: ['copy'], doneAfterFailure: [], failed: [] });
    expect(describeComputedOutcome(outcome)).not.toMatch(/after a failure/);
  });
});
