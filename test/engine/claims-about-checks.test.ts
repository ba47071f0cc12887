import { describe, expect, it } from 'vitest';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const runbook = `${runbookHeader('')}steps:
  - id: swap-cable
    title: Swap the cable
    action: { manual: Move the cable to port 2 }
    irreversible: test
`;

describe('no claims about checks that do not exist', () => {
  it('after a crash mid-action, a step with no post-check says no check can confirm it and does not default to "treat it as done"', async () => {
    const run = await runScripted(runbook, [{ failure: 'swap-cable', value: 'accept' }], {
      runOptions: {
        resumed: {
          completed: [],
          resumeAt: {
            stepId: 'swap-cable',
            sinceMs: 0,
            finishedCommands: 0,
            inFlight: { command: 'Move the cable to port 2', host: 'the operator' },
          },
        },
      },
    });
    const menu = run.menus[0]!;
    expect(menu.reason).toContain('no check can confirm this step: confirm by hand');
    expect(menu.reason).not.toMatch(/checks? (pass|show)/);
    expect(menu.choices[0]).not.toBe('accept');
    expect(menu.checksPassed).toBe(false);
    const texts = run.shown.map((m) => ('text' in m ? m.text : ''));
    expect(texts.join('\n')).toContain(
      'waited for your answer (by hand: Move the cable to port 2); no answer was recorded. No check can confirm it',
    );
    expect(run.result.outcome).toBe('succeeded');
  });

  it('a step done on paper with no post-check does not claim its checks confirm it', async () => {
    const run = await runScripted(runbook, [], {
      runOptions: { paper: { 'swap-cable': { doneAt: '03:42', initials: 'JA' } } },
    });
    const marked = run.events.find((e) => e.type === 'steps-marked-done');
    expect(marked).toMatchObject({ note: expect.stringContaining('no check can confirm it') });
    const texts = run.shown.map((m) => ('text' in m ? m.text : '')).join('\n');
    expect(texts).not.toContain('checking that it took effect');
    expect(run.result.outcome).toBe('succeeded');
  });
});
