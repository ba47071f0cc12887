import { describe, expect, it } from 'vitest';
import {
  computeOutcome,
  describeComputedOutcome,
  describeCountsBriefly,
} from '../../src/engine/compute-outcome.js';
import type { EngineEvent } from '../../src/engine/events.js';

const at = '2026-11-27T10:00:00.000Z';
const e = (body: Record<string, unknown>) => ({ at, ...body }) as EngineEvent;
const started = (stepId: string) => e({ type: 'step-started', stepId, title: stepId, index: 1, total: 9 });
const finished = (stepId: string) => e({ type: 'step-finished', stepId, durationMs: 1 });
const runStarted = e({
  type: 'run-started',
  runId: 'r',
  runbook: { id: 'rb', title: 'RB', file: 'rb.yaml', sha256: 'x', stepIds: [] },
  environment: 'env',
  drill: false,
  operator: 'alice',
  rtoMs: 60_000,
  clockMs: 0,
});

describe('computeOutcome: one result from the journal, every session included', () => {
  it('keeps a skip made before a crash when the resumed session finishes', () => {
    const outcome = computeOutcome([
      runStarted,
      started('a'),
      e({
        type: 'check-failed',
        stepId: 'a',
        phase: 'pre',
        label: 'x',
        host: 'h',
        expected: 'y',
        observed: 'z',
      }),
      e({ type: 'step-failed', stepId: 'a', phase: 'pre', reason: 'x failed' }),
      e({ type: 'failure-decided', stepId: 'a', phase: 'pre', choice: 'skip', reason: 'not here' }),
      e({ type: 'step-skipped', stepId: 'a', reason: 'not here', by: 'alice' }),
      started('b'),
      e({ type: 'run-resumed', runId: 'r', operator: 'bob', completed: ['a'] }),
      started('b'),
      finished('b'),
      e({ type: 'step-not-applicable', stepId: 'c', condition: 'x' }),
      e({ type: 'run-finished', outcome: 'succeeded', elapsedMs: 5000 }),
    ]);
    expect(outcome).toMatchObject({
      outcome: 'succeeded',
      done: ['b'],
      skipped: [{ stepId: 'a', reason: 'not here' }],
      notNeeded: ['c'],
      failed: [],
      counts: { done: 1, skipped: 1, notNeeded: 1, failed: 0 },
    });
    expect(describeComputedOutcome(outcome)).toBe(
      'succeeded with 1 step(s) skipped — 1 step(s) done, 1 skipped (a: not here), 1 not needed',
    );
    expect(describeCountsBriefly(outcome)).toBe('1 done · 1 skipped · 1 not needed');
  });

  it('counts a failure left at its menu by a crash as failed, and the interrupted run as interrupted', () => {
    const outcome = computeOutcome([
      runStarted,
      started('promote'),
      e({ type: 'step-failed', stepId: 'promote', phase: 'action', reason: 'expected t; got f' }),
      e({ type: 'prompt-opened', stepId: 'promote', prompt: 'failure-menu', text: 'expected t; got f' }),
    ]);
    expect(outcome).toMatchObject({
      outcome: 'interrupted',
      stoppedAt: 'promote',
      failed: [{ stepId: 'promote', reason: 'expected t; got f' }],
    });
  });

  it('lists a rolled-back step, and a step done after a failure, without calling either failed', () => {
    const outcome = computeOutcome([
      runStarted,
      started('x'),
      e({ type: 'step-failed', stepId: 'x', phase: 'post', reason: 'r' }),
      e({ type: 'failure-decided', stepId: 'x', phase: 'post', choice: 'rollback', reason: '' }),
      e({ type: 'step-rolled-back', stepId: 'x' }),
      e({ type: 'failure-decided', stepId: 'x', phase: 'rollback', choice: 'retry', reason: '' }),
      finished('x'),
      e({ type: 'run-finished', outcome: 'succeeded', elapsedMs: 1 }),
    ]);
    expect(outcome).toMatchObject({ done: ['x'], rolledBack: ['x'], doneAfterFailure: ['x'], failed: [] });
  });

  it('counts a step repeated per server as one step, numbered as the screen numbers it ("Step 3 of 4")', () => {
    const withSteps = e({
      type: 'run-started',
      runId: 'r',
      runbook: { id: 'rb', title: 'RB', file: 'rb.yaml', sha256: 'x', stepIds: ['a', 'b', 'c', 'd'] },
      environment: 'env',
      drill: false,
      operator: 'alice',
      rtoMs: 60_000,
      clockMs: 0,
    });
    const outcome = computeOutcome([
      withSteps,
      started('a'),
      e({ type: 'step-skipped', stepId: 'a', reason: 'checked by phone', by: 'alice' }),
      started('b@BTS01'),
      finished('b@BTS01'),
      started('b@BTS02'),
      finished('b@BTS02'),
      started('b@BTS03'),
      finished('b@BTS03'),
      started('c@BTS01'),
      finished('c@BTS01'),
      started('c@BTS02'),
      e({ type: 'run-finished', outcome: 'canceled', elapsedMs: 9000, stepId: 'c@BTS02' }),
    ]);
    // 4 server parts are done, but 1 step of 4: step 3 stopped on its second server.
    expect(outcome.counts.done).toBe(4);
    expect(describeComputedOutcome(outcome)).toBe(
      'canceled at step 3 c on BTS02 — 1 of 4 steps done, 1 skipped (step 1 a: checked by phone)',
    );
    expect(describeCountsBriefly(outcome)).toBe('1/4 done · 1 skipped');
  });

  it('does not call a run with steps that were not needed "every step done" alone', () => {
    const outcome = computeOutcome([
      runStarted,
      started('a'),
      finished('a'),
      e({ type: 'step-not-applicable', stepId: 'b', condition: 'x' }),
      e({ type: 'run-finished', outcome: 'succeeded', elapsedMs: 1 }),
    ]);
    expect(describeComputedOutcome(outcome)).toBe(
      'succeeded: every step done or not needed — 1 step(s) done, 1 not needed',
    );
  });
});
