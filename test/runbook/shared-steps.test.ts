import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

/**
 * The runbook format has no include: a runbook that repeats another's procedure copies its steps. These are the
 * copies; a step with the same id must stay the same step, so a fix to one reaches the other.
 */
const COPIES = [{ runbook: 'rebuild-master-secret-server', of: 'designate-new-master-secret-server' }];

describe('steps shared between shipped runbooks', () => {
  for (const { runbook, of } of COPIES) {
    it(`${runbook} repeats ${of}'s steps word for word wherever it uses the same step id`, () => {
      const copy = loadRunbook(runbook).runbook.steps;
      const original = new Map(loadRunbook(of).runbook.steps.map((step) => [step.id, step]));
      const shared = copy.filter((step) => original.has(step.id));
      expect(shared.length).toBeGreaterThan(20);
      for (const step of shared) expect(step, step.id).toEqual(original.get(step.id));
    });
  }

  it('keeps the order of the designate procedure in the rebuild runbook, with the join before the first SSODB check', () => {
    const ids = loadRunbook('rebuild-master-secret-server').runbook.steps.map((step) => step.id);
    const designate = loadRunbook('designate-new-master-secret-server').runbook.steps.map((step) => step.id);
    expect(ids.filter((id) => designate.includes(id))).toEqual(designate.filter((id) => ids.includes(id)));
    expect(ids.indexOf('join-sso-system')).toBeLessThan(ids.indexOf('check-candidate-platform'));
    expect(ids.indexOf('join-sso-system')).toBeLessThan(ids.indexOf('name-new-mss-in-ssodb'));
  });
});
