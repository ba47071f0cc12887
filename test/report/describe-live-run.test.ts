import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventBody } from '../../src/engine/events.js';
import { describeLiveRun, formatEventLine, formatLiveRun } from '../../src/report/describe-live-run.js';

const T0 = Date.parse('2026-12-01T14:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (s: number, body: EventBody) => ({ ...body, at: at(s) }) as EngineEvent;

const STARTED = ev(0, {
  type: 'run-started',
  runId: 'run-1',
  runbook: {
    id: 'designate',
    title: 'Designate a new MSS',
    file: 'x.yaml',
    sha256: 'ab',
    stepIds: ['a', 'b'],
  },
  environment: 'prod',
  drill: false,
  operator: 'alice@jump01',
  rtoMs: 30 * 60_000,
  clockMs: T0,
});

describe("watch's view of a run", () => {
  it('shows the step, its host, what it waits for and since when, and the time against the RTO', () => {
    const events = [
      STARTED,
      ev(5, {
        type: 'step-started',
        stepId: 'b',
        title: 'Restore the secret',
        index: 2,
        total: 2,
        host: 'BTS01',
      }),
      ev(6, {
        type: 'check-passed',
        stepId: 'b',
        phase: 'pre',
        label: 'ENTSSO running',
        host: 'BTS01',
        expected: 'running',
        observed: 'running',
      }),
      ev(10, {
        type: 'approval-requested',
        stepId: 'b',
        requestId: 'b.1',
        host: 'BTS01',
        command: 'ssoconfig -restoreSecret',
        requestedBy: 'alice@jump01',
        needed: 1,
      }),
    ];
    const screen = formatLiveRun(describeLiveRun(events, T0 + 70_000)!, T0 + 70_000);
    expect(screen).toEqual([
      'Run run-1: Designate a new MSS on prod',
      'Operator: alice@jump01',
      'Step 2 of 2: Restore the secret on BTS01',
      'Now: waiting for approval since 14:00:10 (requested from alice@jump01): ssoconfig -restoreSecret (for 1m00s)',
      'Last result: ✓ pre-check ENTSSO running on BTS01: running',
      'Elapsed: 1m10s of the RTO 30m00s',
      'Last journal record: 14:00:10 UTC',
    ]);
  });

  it('keeps the last approval on screen after the run has moved on past it', () => {
    const events = [
      STARTED,
      ev(5, {
        type: 'step-started',
        stepId: 'b',
        title: 'Restore the secret',
        index: 2,
        total: 2,
        host: 'BTS01',
      }),
      ev(20, { type: 'approval-decided', stepId: 'b', requestId: 'b.1', approved: true, by: 'bob' }),
      ev(21, { type: 'step-finished', stepId: 'b', durationMs: 16_000 }),
    ];
    const screen = formatLiveRun(describeLiveRun(events, T0 + 30_000)!, T0 + 30_000);
    expect(screen).toContain('Last result: ✓ step b done in 16.0 s');
    expect(screen).toContain('Last approval: approved by bob at 14:00:20 (step b)');
  });

  it('names the new operator after a hand-off, flags a run over its RTO, and stops the clock when finished', () => {
    const events = [
      STARTED,
      ev(100, { type: 'run-resumed', runId: 'run-1', operator: 'answers', completed: [] }),
      ev(101, { type: 'run-handed-over', runId: 'run-1', from: 'alice@jump01', to: 'bob@jump02' }),
      ev(2000, { type: 'run-finished', outcome: 'succeeded', elapsedMs: 2_000_000 }),
    ];
    const live = describeLiveRun(events, T0 + 9_999_999)!;
    expect(live.operator).toBe('bob@jump02');
    expect(live.elapsedMs).toBe(2_000_000);
    expect(formatLiveRun(live, T0 + 9_999_999)).toContain('Elapsed: 33m20s of the RTO 30m00s — OVER THE RTO');
    expect(formatEventLine(events[2]!)).toBe('14:01:41 run-handed-over — from alice@jump01 to bob@jump02');
  });
});
