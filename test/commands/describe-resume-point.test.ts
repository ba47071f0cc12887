import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeResumePoint } from '../../src/commands/describe-resume-point.js';
import type { RunSummary } from '../../src/journal/resume.js';
import { RunbookSchema } from '../../src/runbook/schema.js';
import { runbookHeader } from '../support/engine-harness.js';

const runbook = RunbookSchema.parse(
  parse(
    runbookHeader(`steps:
  - id: look
    title: Look around
    action: { run: [hostname] }
    irreversible: reads only
  - id: decide
    title: Decide that the old server is lost
    action: { manual: The old server is lost. }
    irreversible: a decision
`),
  ),
);

/** Only what describeResumePoint reads of a run's summary. */
const summary = (resumeAt: object) =>
  ({
    completed: ['look'],
    variables: {},
    resumeAt: { stepId: 'decide', ...resumeAt },
  }) as unknown as RunSummary;

describe('the line that announces where a resumed run picks up', () => {
  it('says a step done by hand was waiting for the answer, not that its action may have half-run', () => {
    const line = describeResumePoint(
      runbook,
      summary({
        finishedCommands: 0,
        inFlight: { command: 'The old server is lost.', host: 'the operator' },
      }),
    );
    expect(line).toBe(
      'steps 1–1 of 2 are behind it (done, skipped or not needed). Continuing at step 2 of 2: Decide that the old server is lost. It was waiting for your answer to a step done by hand; none was recorded, so you decide now.',
    );
    expect(line).not.toContain('half-run');
  });
});
