import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../src/runbook/evaluate-condition.js';
import { ConditionSyntaxError, parseCondition } from '../../src/runbook/parse-condition.js';
import { makeWorkDir, runbookHeader, runScripted } from '../support/engine-harness.js';

const vars = { mode: 'Primary', a: 'yes', b: 'no', lag: '12', host: 'db2.example.org', empty: '' };

describe('the condition language of when:', () => {
  it.each([
    ["{{mode}} == 'primary'", true],
    ["mode == 'primary'", true],
    ["mode != 'replica'", true],
    ['a && b', false],
    ['a and not b', true],
    ['a or b', true],
    ['!a || b', false],
    ['not (a and b)', true],
    ["mode in ['replica', 'primary']", true],
    ["mode not in ['replica', 'standby']", true],
    ["host =~ '^db\\d\\.'", true],
    ["host !~ 'example'", false],
    ['lag > 10', true],
    ['lag <= 10', false],
    ['lag == 12.0', true],
    ['empty', false],
    ['a == true', true],
  ])('%s is %s', (condition, expected) => {
    expect(evaluateCondition(condition, vars)).toBe(expected);
  });

  it.each([
    ['{{mode}} == a b', 'unexpected "b"', 14],
    ["mode == 'primary", 'never closed', 8],
    ['a &&', 'found the end', 4],
    ["mode in 'x'", 'needs a list', 5],
    ['(a or b', 'expected ")"', 7],
    ['a = b', 'unexpected "="', 2],
  ])('refuses %s at the place it goes wrong', (condition, message, offset) => {
    let caught: unknown;
    try {
      parseCondition(condition);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConditionSyntaxError);
    expect((caught as ConditionSyntaxError).message).toContain(message);
    expect((caught as ConditionSyntaxError).offset).toBe(offset);
  });

  it('runs a step whose {{placeholder}} condition is true instead of calling it "not needed" (defect 4)', async () => {
    const run = await runScripted(
      runbookHeader(`
steps:
  - id: only-on-primary
    title: Only on the primary
    when: "{{mode}} == 'primary' && lag < 30"
    pre: [{ run: ['true'] }]
`),
      [],
      { vars: { mode: 'primary', lag: '5' } },
    );
    expect(run.types).toContain('step-finished');
    expect(run.types).not.toContain('step-not-applicable');
  });

  it('stops to ask when a value cannot be judged, instead of skipping the step as not needed', async () => {
    const run = await runScripted(
      runbookHeader(`
steps:
  - id: catch-up
    title: Wait for the replica to catch up
    when: lag > 0
    pre: [{ run: ['true'] }]
`),
      [
        { failure: 'catch-up', value: 'skip' },
        { reason: 'catch-up', value: 'lag unknown, checked by hand' },
      ],
      { vars: { lag: 'n/a' } },
    );
    expect(run.menus[0]!.reason).toContain('compares numbers, and n/a is not one');
    expect(run.types).toContain('step-skipped');
  });

  it('checks a check with a when: only when it holds, and says so when it does not', async () => {
    const yaml = (marker: string) =>
      runbookHeader(`
steps:
  - id: look
    title: Look before acting
    pre:
      - run: ['true']
        label: always checked
      - run: [node, -e, 'require("fs").writeFileSync(process.argv[1], "ran"); process.exit(1)', '${marker}']
        when: recordFolder
        label: the record in {{recordFolder}} names the secret
`);
    const marker = join(makeWorkDir(), 'ran');
    const without = await runScripted(yaml(marker), []);
    expect(without.types).toContain('step-finished');
    expect(existsSync(marker)).toBe(false);
    expect(without.shown).toContainEqual(
      expect.objectContaining({
        kind: 'info',
        text: expect.stringMatching(
          /^Not checked: the record in \{\{recordFolder\}\} names the secret \(only when .*recordFolder is not set\)$/,
        ),
      }),
    );
    const withIt = await runScripted(yaml(marker), [{ failure: 'look', value: 'abort' }], {
      vars: { recordFolder: 'D:\\SSOBackups' },
    });
    expect(existsSync(marker)).toBe(true);
    expect(withIt.types).toContain('check-failed');
    expect(withIt.types).not.toContain('step-finished');
  });
});
