import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../src/engine/collect-inputs.js';
import { runbookHeader, runScripted } from '../support/engine-harness.js';
import { makeTempDir, runCli } from '../support/run-cli.js';

describe('what used to end in an internal error', () => {
  it('stops a step whose action needs a value no check captured before the operator confirms it', async () => {
    const run = await runScripted(
      `${runbookHeader('')}steps:
  - id: use-capture
    title: Use what the check captured
    pre:
      - run: [node, -e, 'console.log("nothing to see")']
        capture: ['server=(?<server>\\w+)']
    action: { run: [echo, '{{server}}'] }
    post: [{ run: ['true'] }]
    irreversible: it only prints
`,
      [
        { failure: 'use-capture', value: 'retry' },
        { failure: 'use-capture', value: 'abort' },
      ],
    );
    expect(run.result.outcome).toBe('aborted');
    // Retry ran the pre-check (the one that captures) again, not just the variable test.
    expect(run.events.filter((e) => e.type === 'check-passed' && e.phase === 'pre')).toHaveLength(2);
    expect(run.prompts).not.toContain('confirm:use-capture');
    expect(run.types).not.toContain('action-started');
    expect(run.shown).toContainEqual(
      expect.objectContaining({
        kind: 'failure',
        phase: 'pre',
        reason: expect.stringContaining(
          'the action needs {{server}}, which no input or earlier check provided',
        ),
      }),
    );
  });

  it('refuses an answer with a NUL character as invalid input, before anything is journaled', () => {
    expect(validateInput({ type: 'string', prompt: 'Name', confirm: false }, 'ab\0c')).toBe(
      'must not contain a NUL character',
    );
  });

  it('says in one line that a state folder cannot be written, and runs nothing', () => {
    const dir = makeTempDir('sso-unwritable-');
    writeFileSync(join(dir, 'answers.yaml'), 'inputs:\n  target: abc\nconfirm: all\n');
    // /sys refuses new folders even to root.
    const result = runCli([
      'run',
      join(import.meta.dirname, '../fixtures/local-demo.yaml'),
      '--var',
      `workDir=${dir}`,
      '--state-dir',
      '/sys/kernel/sso-failover-state',
      '--answers',
      join(dir, 'answers.yaml'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /cannot write \/sys\/kernel\/sso-failover-state\S* \(E(PERM|ACCES|ROFS)\); nothing was run/,
    );
  });
});
