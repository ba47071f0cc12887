import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventBody } from '../../src/engine/events.js';
import { buildRunView } from '../../src/report/build-run-view.js';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const events = (script: [number, EventBody][]) =>
  script.map(([seconds, body]) => ({ ...body, at: at(seconds) }) as EngineEvent);

describe('an interrupted step in the report', () => {
  it('lasts until the run stopped there, the unanswered prompt counted as waiting', () => {
    const view = buildRunView(
      events([
        [
          0,
          {
            type: 'run-started',
            runId: 'r1',
            runbook: {
              id: 'rb',
              title: 'Rb',
              file: '/nowhere/rb.yaml',
              sha256: 'a'.repeat(64),
              stepIds: ['restore'],
            },
            environment: 'lab',
            drill: true,
            operator: 'alice@JUMP01',
            rtoMs: 1_800_000,
            clockMs: T0,
          },
        ],
        [10, { type: 'step-started', stepId: 'restore', title: 'Restore', index: 1, total: 1 }],
        [15, { type: 'prompt-opened', stepId: 'restore', prompt: 'confirm', text: 'Run this on BTS01?' }],
        [75, { type: 'run-finished', outcome: 'canceled', elapsedMs: 75_000, stepId: 'restore' }],
      ]),
    )!;
    const step = view.steps.find((s) => s.id === 'restore')!;
    expect(step.status).toBe('canceled');
    expect(step.durationMs).toBe(65_000);
    expect(step.waits).toEqual([{ fromMs: T0 + 15_000, toMs: T0 + 75_000 }]);
  });
});
