import { describe, expect, it } from 'vitest';
import { makeWorkDir, runbookHeader, runScripted } from '../support/engine-harness.js';

const runbook = (dir: string) => `${runbookHeader('')}inputs:
  replica: { type: string, prompt: Which replica }
steps:
  - id: promote
    title: Promote {{replica}} to primary
    confirm: false
    action: { run: [touch, '${dir}/promoted'] }
    post:
      - file: { path: '${dir}/never' }
    rollback: { run: [rm, -f, '${dir}/promoted'] }
`;

describe('rollback and step titles', () => {
  it('a successful rollback is not shown or journaled as a failure, and every message names the step by its interpolated title', async () => {
    const run = await runScripted(runbook(makeWorkDir()), [
      { ask: 'replica', value: 'db2' },
      { failure: 'promote', value: 'rollback' },
      { failure: 'promote', value: 'skip' },
      { reason: 'promote', value: 'promoted by hand' },
    ]);
    const failures = run.shown.filter((m) => m.kind === 'failure');
    expect(failures.map((f) => f.kind === 'failure' && f.phase)).toEqual(['post']);
    expect(run.events.filter((e) => e.type === 'step-failed').map((e) => 'phase' in e && e.phase)).toEqual([
      'post',
    ]);
    expect(run.menus[1]!.reason).toContain('the step was rolled back');
    const texts = run.shown.map((m) => ('text' in m ? m.text : '')).join('\n');
    expect(texts).toContain('Rolling back "Promote db2 to primary"');
    expect(texts).toContain('Rolled back "Promote db2 to primary"');
    expect(texts).toContain('Skipped "Promote db2 to primary" (promoted by hand)');
    expect(texts).not.toContain('{{replica}}');
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: 'prompt-opened',
        text: 'Why skip "Promote db2 to primary"? (recorded in the journal)',
      }),
    );
  });
});
