import { ReadinessPolicySchema } from '../../src/runbook/environment-schema.js';
import { describe, expect, it } from 'vitest';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../../src/engine/ports.js';
import { localEnvironment, makeWorkDir, runbookHeader, runScripted } from '../support/engine-harness.js';

const STEPS = runbookHeader(`
steps:
  - id: harmless
    title: Write a note
    action: { run: [node, -e, "0"] }
    irreversible: test
  - id: dangerous
    title: Replace the secret on localhost
    destructive: true
    action: { run: [node, -e, "0"] }
    irreversible: test
`);

/** An approver that records what it was asked and answers from a list. */
function createRecordingApprover(answers: ApprovalDecision[][]): Approver & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  return {
    asked,
    requestApproval: async (request) => {
      asked.push(request);
      return answers.shift() ?? [];
    },
  };
}

const withPolicy = (destructive: number) => ({
  ...localEnvironment({ workDir: makeWorkDir() }),
  policy: ReadinessPolicySchema.parse({ approvals: { destructive } }),
});

describe('the two-person rule in the engine', () => {
  it('asks for approval only before a destructive action, after the confirm, and journals the decision first', async () => {
    const approver = createRecordingApprover([[{ approved: true, by: 'bob', machine: 'jump02' }]]);
    const run = await runScripted(
      STEPS,
      [
        { confirm: 'harmless', value: true },
        { confirm: 'dangerous', value: true },
      ],
      { environment: withPolicy(2), approver },
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(approver.asked).toEqual([
      expect.objectContaining({
        stepId: 'dangerous',
        host: 'localhost',
        needed: 1,
        command: expect.stringContaining('node'),
      }),
    ]);
    const dangerous = run.events.filter((e) => 'stepId' in e && e.stepId === 'dangerous').map((e) => e.type);
    expect(dangerous.indexOf('confirmation-given')).toBeLessThan(dangerous.indexOf('approval-requested'));
    expect(dangerous.indexOf('approval-decided')).toBeLessThan(dangerous.indexOf('action-started'));
    expect(run.events.find((e) => e.type === 'approval-decided')).toMatchObject({
      approved: true,
      by: 'bob',
      machine: 'jump02',
    });
  });

  it('asks nobody when the policy is the operator alone (destructive: 1) or absent', async () => {
    for (const environment of [withPolicy(1), localEnvironment({ workDir: makeWorkDir() })]) {
      const approver = createRecordingApprover([]);
      const run = await runScripted(
        STEPS,
        [
          { confirm: 'harmless', value: true },
          { confirm: 'dangerous', value: true },
        ],
        { environment, approver },
      );
      expect(run.result.outcome).toBe('succeeded');
      expect(approver.asked).toEqual([]);
    }
  });

  it('does not run a denied action: the failure menu says who denied it and why, and a retry asks again', async () => {
    const approver = createRecordingApprover([
      [{ approved: false, by: 'bob', reason: 'wait for the DBA' }],
      [{ approved: true, by: 'carol' }],
    ]);
    const run = await runScripted(
      STEPS,
      [
        { confirm: 'harmless', value: true },
        { confirm: 'dangerous', value: true },
        { failure: 'dangerous', value: 'retry' },
        { confirm: 'dangerous', value: true },
      ],
      { environment: withPolicy(2), approver },
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(run.events.find((e) => e.type === 'step-failed')).toMatchObject({
      stepId: 'dangerous',
      phase: 'confirm',
      reason: 'bob denied the action: wait for the DBA',
    });
    expect(run.events.filter((e) => e.type === 'action-started' && e.stepId === 'dangerous')).toHaveLength(1);
    expect(approver.asked).toHaveLength(2);
  });
});
