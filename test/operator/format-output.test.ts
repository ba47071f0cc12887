import { describe, expect, it } from 'vitest';
import { createChalk, formatMessage } from '../../src/operator/format-message.js';
import { runScripted } from '../support/engine-harness.js';

describe('long command output', () => {
  it('says truthfully how much is shown and how much the journal keeps', async () => {
    const run = await runScripted(
      `
id: t
title: T
summary: test
sources: [test]
rto: 1m
steps:
  - id: print-a-lot
    title: Print a lot
    action: { run: [node, -e, 'for (let i = 0; i < 20000; i++) console.log("line " + i)'] }
    post: [{ run: ['true'] }]
    irreversible: it only prints
`,
      [{ confirm: 'print-a-lot', value: true }],
    );
    const finished = run.events.find((e) => e.type === 'action-finished');
    expect(finished && 'stdout' in finished ? finished.stdout : '').toMatch(
      /\n… \(the journal keeps the first 8000 characters; the command printed \d+ bytes in 20000 lines\)$/,
    );
    const output = run.shown.find((m) => m.kind === 'output');
    const screen = formatMessage(output!, createChalk({ isTTY: false } as NodeJS.WriteStream));
    expect(screen).toMatch(
      /… \d+ more lines not shown; the journal keeps the first 8000 characters of each stream/,
    );
    expect(screen).not.toContain('more lines in the journal');
  });
});
