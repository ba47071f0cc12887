import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkDir, runScripted, runbookHeader as header } from '../support/engine-harness.js';

/** How many times the action ran: each run appends a line to `count`. */
const runsOf = (dir: string) =>
  existsSync(join(dir, 'count')) ? readFileSync(join(dir, 'count'), 'utf8').split('\n').length - 1 : 0;

const appendAction = (dir: string) =>
  `run: [node, -e, 'require("fs").appendFileSync(process.argv[1], "x\\n")', '${dir}/count']`;

describe('one step, phase by phase', () => {
  it('goes instructions → input → pre-checks → confirm → action → post-checks, journaled in that order', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: only
    title: Only
    instructions: Read this first.
    inputs:
      note: { type: string, prompt: A note }
    pre:
      - run: [node, -e, '']
    action:
      ${appendAction(dir)}
    post:
      - file: { path: '${dir}/count' }
    rollback: { run: [rm, '${dir}/count'] }
`),
      [
        { ask: 'note', value: 'n' },
        { confirm: 'only', value: true },
      ],
    );
    expect(run.result.outcome).toBe('succeeded');
    const order = run.events
      .map((e) => (e.type === 'check-passed' ? `check:${e.phase}` : e.type))
      .filter((t) =>
        [
          'step-started',
          'input-provided',
          'check:pre',
          'confirmation-given',
          'action-started',
          'action-finished',
          'check:post',
          'step-finished',
        ].includes(t),
      );
    expect(order).toEqual([
      'step-started',
      'input-provided',
      'check:pre',
      'confirmation-given',
      'action-started',
      'action-finished',
      'check:post',
      'step-finished',
    ]);
    expect(run.prompts).toEqual(['ask:note', 'confirm:only']);
    expect(JSON.stringify(run.shown)).toContain('Read this first.');
    expect(runsOf(dir)).toBe(1);
  });

  it('runs the action again on "rerun" after its post-check failed, then checks again', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: twice
    title: Needs two runs
    action:
      ${appendAction(dir)}
    post:
      - run: [node, -e, 'process.exit(require("fs").readFileSync(process.argv[1], "utf8").length >= 4 ? 0 : 1)', '${dir}/count']
    rollback: { run: [rm, '${dir}/count'] }
`),
      [
        { confirm: 'twice', value: true },
        { failure: 'twice', value: 'rerun' },
        // Running it again is a new decision to act: confirmed again.
        { confirm: 'twice', value: true },
      ],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(runsOf(dir)).toBe(2);
    expect(run.types.filter((t) => t === 'action-started')).toHaveLength(2);
  });

  it('offers the rollback menu again when the rollback itself fails, and never claims it rolled back', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: stuck
    title: Stuck
    action:
      ${appendAction(dir)}
    post:
      - run: [node, -e, 'process.exit(1)']
    rollback: { run: [node, -e, 'process.exit(3)'] }
`),
      [
        { confirm: 'stuck', value: true },
        { failure: 'stuck', value: 'rollback' },
        { failure: 'stuck', value: 'abort' },
      ],
    );
    expect(run.result.outcome).toBe('aborted');
    expect(run.types).not.toContain('step-rolled-back');
    expect(run.remaining()).toBe(0);
  });
});

describe('a step left in doubt by a previous session', () => {
  const inDoubt = (dir: string) =>
    header(`
steps:
  - id: half
    title: Half-run
    action:
      ${appendAction(dir)}
    post:
      - file: { path: '${dir}/count' }
    rollback: { run: [rm, '${dir}/count'] }
`);
  const resumed = {
    completed: [],
    resumeAt: {
      stepId: 'half',
      sinceMs: 0,
      finishedCommands: 0,
      inFlight: { command: 'node …', host: 'localhost' },
    },
  };

  it('runs its post-checks first and, on "accept", treats it as done without running it again', async () => {
    const dir = makeWorkDir();
    writeFileSync(join(dir, 'count'), 'x\n'); // the previous session's command did take effect
    const run = await runScripted(inDoubt(dir), [{ failure: 'half', value: 'accept' }], {
      runOptions: { resumed },
    });
    expect(run.result.outcome).toBe('succeeded');
    expect(runsOf(dir)).toBe(1);
    expect(run.types).not.toContain('action-started');
    expect(run.events.find((e) => e.type === 'failure-decided')).toMatchObject({
      phase: 'in-doubt',
      choice: 'accept',
    });
  });

  it('runs the action again only when the operator chooses "rerun"', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      inDoubt(dir),
      [
        { failure: 'half', value: 'rerun' },
        { confirm: 'half', value: true },
      ],
      { runOptions: { resumed } },
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(runsOf(dir)).toBe(1);
    expect(run.types.filter((t) => t === 'action-started')).toHaveLength(1);
  });
});
