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

  it("recover-sso-at-dr-site runs designate's restore, decrypt check and write test commands unchanged (its MSS is drMss)", () => {
    const designate = loadRunbook('designate-new-master-secret-server').runbook.steps;
    const dr = loadRunbook('recover-sso-at-dr-site').runbook.steps;
    const commands = (steps: typeof dr, id: string) => {
      const step = steps.find((s) => s.id === id)!;
      const action = step.action && 'run' in step.action ? [step.action.run] : [];
      const checks = [...step.pre, ...step.post].flatMap((check) => ('run' in check ? [check.run] : []));
      return JSON.stringify([...action, ...checks]).replaceAll('{{drMss}}', '{{newMss}}');
    };
    const decrypt = (steps: typeof dr, id: string) =>
      JSON.parse(commands(steps, id)).filter((argv: string[]) => argv.join(' ').includes('GetConfigInfo'));
    expect(JSON.parse(commands(dr, 'restore-master-secret'))[0]).toEqual(
      JSON.parse(commands(designate, 'restore-master-secret'))[0],
    );
    expect(decrypt(dr, 'restore-master-secret')).toEqual(decrypt(designate, 'restore-master-secret'));
    expect(JSON.parse(commands(dr, 'write-test'))[0]).toEqual(
      JSON.parse(commands(designate, 'write-test'))[0],
    );
  });

  it('keeps the order of the designate procedure in the rebuild runbook, with the join before the first SSODB check', () => {
    const ids = loadRunbook('rebuild-master-secret-server').runbook.steps.map((step) => step.id);
    const designate = loadRunbook('designate-new-master-secret-server').runbook.steps.map((step) => step.id);
    expect(ids.filter((id) => designate.includes(id))).toEqual(designate.filter((id) => ids.includes(id)));
    expect(ids.indexOf('join-sso-system')).toBeLessThan(ids.indexOf('check-candidate-platform'));
    expect(ids.indexOf('join-sso-system')).toBeLessThan(ids.indexOf('name-new-mss-in-ssodb'));
  });
});
