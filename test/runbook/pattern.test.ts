import { describe, expect, it } from 'vitest';
import { validateInput } from '../../src/engine/collect-inputs.js';
import { makeWorkDir, runScripted } from '../support/engine-harness.js';
import { parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { formatProblem } from '../../src/runbook/parse-yaml.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The classic catastrophic-backtracking pattern and the text that makes a backtracking engine spin. */
const EVIL = '^(a+)+$';
const TEXT = `${'a'.repeat(60)}!`;

const runbook = (pattern: string) => `
id: t
title: T
summary: test
sources: [test]
rto: 1m
inputs:
  word: { type: string, prompt: Word, pattern: '${pattern}' }
steps:
  - id: print-a-lot
    title: Print
    pre:
      - run: [node, -e, 'console.log("${TEXT}")']
        expect: { stdout: '${pattern}' }
        label: output matches
        optional: true
      - run: [node, -e, 'console.log("${TEXT}")']
        capture: ['(?<whole>${pattern})']
        optional: true
`;

describe('runbook patterns run in linear time', () => {
  it('matches ^(a+)+$ against 60 a and a ! without hanging, in checks, captures and input patterns', async () => {
    expect(validateInput({ type: 'string', prompt: 'Word', pattern: EVIL, confirm: false }, TEXT)).toBe(
      `must match /${EVIL}/`,
    );
    const run = await runScripted(runbook(EVIL), [{ ask: 'word', value: 'aaaa' }]);
    expect(run.result.outcome).toBe('succeeded');
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: 'check-failed',
        label: 'output matches',
        observed: expect.stringContaining('did not match'),
      }),
    );
    expect(run.variables.whole).toBeUndefined();
  }, 20_000);

  it('lint rejects a pattern the linear-time engine cannot run (lookahead, backreference), at its line', () => {
    const file = join(makeWorkDir(), 'lookaround.yaml');
    writeFileSync(file, runbook('(?=a)a').replace('(?<whole>(?=a)a)', '(a)\\1'));
    const problems = parseRunbookFile(file).problems.map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(
        /lookaround\.yaml:8:\d+ inputs\.word\.pattern: not a regular expression the linear-time engine \(RE2\) runs: .*\(\?=/,
      ),
      expect.stringMatching(
        /lookaround\.yaml:14:\d+ .*expect\.stdout: not a regular expression the linear-time engine/,
      ),
      expect.stringMatching(
        /lookaround\.yaml:18:\d+ .*capture\.0: not a regular expression the linear-time engine .*\\1/,
      ),
    ]);
  });
});
