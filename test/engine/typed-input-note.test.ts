import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/operator/format-message.js';
import { runbookHeader, runScripted } from '../support/engine-harness.js';

const plain = new Chalk({ level: 0 });

describe('a command that gets its answers on stdin', () => {
  it('says the runbook types its answers in, so prompts it prints blank ("User ID :") are not a mystery', async () => {
    const run = await runScripted(
      runbookHeader(`steps:
  - id: set-credentials
    title: Write test
    action:
      run: [sh, -c, 'printf "User ID : "; read u; printf "\\nPassword : "; read p; echo; echo done']
      stdin: "smoke-test\\nsmoke-test-{{runId}}\\n"
      expect: { stdout: done }
`),
      [{ confirm: 'set-credentials', value: true }],
    );
    expect(run.result.outcome).toBe('succeeded');
    const command = run.shown.find((m) => m.kind === 'command');
    expect(command).toMatchObject({ kind: 'command', typedLines: 2 });
    const text = formatMessage(command!, plain);
    expect(text).toContain(
      '(the runbook types 2 lines into it on stdin: not shown here, and not echoed by the command, so a prompt it prints stays blank)',
    );
    // What is typed is never shown.
    expect(text).not.toContain('smoke-test');
  });
});
