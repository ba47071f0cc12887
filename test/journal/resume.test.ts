import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { hashRecord, type JournalRecord } from '../../src/journal/journal.js';
import { summarizeRun } from '../../src/journal/resume.js';

/** A journal from event bodies, hash-chained like the real one. */
function journal(...bodies: Record<string, unknown>[]): JournalRecord[] {
  let prev = '0'.repeat(64);
  return bodies.map((body, seq) => {
    const event = { at: '2026-11-27T10:00:00.000Z', ...body } as EngineEvent;
    const hash = hashRecord(seq, prev, event);
    const record = { seq, prev, hash, event };
    prev = hash;
    return record;
  });
}

const started = {
  type: 'run-started',
  runId: 'r1',
  runbook: { id: 'rb', title: 'RB', file: '/x/rb.yaml', sha256: 'abc', stepIds: ['a', 'b', 'c'] },
  environment: 'lab',
  environmentFile: '/x/env.yaml',
  drill: true,
  operator: 'alice@jump',
  rtoMs: 60000,
  clockMs: 1000,
};
const action = (stepId: string, commandIndex: number, attempt = 1, clockMs = 5000) => ({
  type: 'action-started',
  stepId,
  kind: 'run',
  host: 'BTS01',
  command: `cmd${commandIndex}`,
  rollback: false,
  attempt,
  commandIndex,
  clockMs,
});
const finished = (stepId: string, commandIndex: number, ok = true, attempt = 1) => ({
  type: 'action-finished',
  stepId,
  rollback: false,
  ok,
  exitCode: ok ? 0 : 1,
  durationMs: 5,
  stdout: '',
  stderr: '',
  timedOut: false,
  canceled: false,
  attempt,
  commandIndex,
});

describe('summarizeRun (resume is a pure function of the journal)', () => {
  it('restores non-secret inputs and captures, lists secrets to ask again, and skips finished or skipped steps', () => {
    const summary = summarizeRun(
      journal(
        started,
        { type: 'input-provided', key: 'newMss', value: 'BTS01', secret: false },
        { type: 'step-started', stepId: 'a', title: 'A', index: 1, total: 3 },
        { type: 'input-provided', key: 'backupPassword', stepId: 'a', secret: true },
        { type: 'variable-captured', stepId: 'a', name: 'oldMss', value: 'SSO01' },
        { type: 'step-finished', stepId: 'a', durationMs: 1 },
        { type: 'step-started', stepId: 'b', title: 'B', index: 2, total: 3 },
        { type: 'step-skipped', stepId: 'b', reason: 'by hand', by: 'alice' },
      ),
    )!;
    expect(summary).toMatchObject({
      runId: 'r1',
      state: 'interrupted',
      completed: ['a', 'b'],
      variables: { newMss: 'BTS01', oldMss: 'SSO01' },
      secretInputs: ['backupPassword'],
      environmentFile: '/x/env.yaml',
      lastStepId: 'b',
    });
    expect(summary.variables).not.toHaveProperty('backupPassword');
    expect(summary.resumeAt).toBeUndefined();
  });

  it('marks a command that started and never reported back as in flight', () => {
    const summary = summarizeRun(
      journal(started, { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 }, action('c', 0)),
    )!;
    expect(summary.resumeAt).toEqual({
      stepId: 'c',
      sinceMs: 5000,
      finishedCommands: 0,
      inFlight: { command: 'cmd0', host: 'BTS01' },
    });
  });

  it('knows how far a sequence got: finished commands are not run again', () => {
    const summary = summarizeRun(
      journal(
        started,
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 0),
        finished('c', 0),
        action('c', 1, 1, 6000),
      ),
    )!;
    expect(summary.resumeAt).toEqual({
      stepId: 'c',
      sinceMs: 5000,
      finishedCommands: 1,
      inFlight: { command: 'cmd1', host: 'BTS01' },
    });
  });

  it('resumes at the checks when the action finished, and from scratch when it failed', () => {
    const ok = summarizeRun(
      journal(
        started,
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 0),
        finished('c', 0),
      ),
    )!;
    expect(ok.resumeAt).toEqual({ stepId: 'c', sinceMs: 5000, finishedCommands: 1 });
    const failed = summarizeRun(
      journal(
        started,
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 0),
        finished('c', 0, false),
      ),
    )!;
    expect(failed.resumeAt).toBeUndefined();
  });

  it('counts a retry as a new attempt', () => {
    const summary = summarizeRun(
      journal(
        started,
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 0),
        finished('c', 0, false),
        { type: 'failure-decided', stepId: 'c', phase: 'action', choice: 'retry', reason: '' },
        action('c', 0, 2, 9000),
      ),
    )!;
    expect(summary.resumeAt).toMatchObject({
      sinceMs: 9000,
      finishedCommands: 0,
      inFlight: { command: 'cmd0' },
    });
  });

  it('reports the state the run ended in', () => {
    const aborted = summarizeRun(
      journal(started, { type: 'run-finished', outcome: 'aborted', elapsedMs: 5, stepId: 'a' }),
    )!;
    expect(aborted.state).toBe('aborted');
    const done = summarizeRun(
      journal(started, { type: 'run-finished', outcome: 'succeeded', elapsedMs: 5 }),
    )!;
    expect(done.state).toBe('finished');
    expect(summarizeRun([])).toBeUndefined();
  });

  it('makes a step whose intent record was torn mid-write in doubt, never "not started"', () => {
    const records = journal(
      started,
      { type: 'step-started', stepId: 'a', title: 'A', index: 0, total: 3, host: 'BTS01' },
      action('a', 0),
      finished('a', 0),
    );
    const intent = JSON.stringify({
      seq: 4,
      prev: 'x',
      hash: 'y',
      event: {
        type: 'action-started',
        stepId: 'a',
        kind: 'run',
        host: 'BTS01',
        command: 'ssomanage -updatedb new.xml',
        rollback: false,
        attempt: 1,
        commandIndex: 1,
      },
    });
    expect(summarizeRun(records, intent.slice(0, 260))?.resumeAt).toMatchObject({
      stepId: 'a',
      finishedCommands: 1,
      inFlight: { command: 'ssomanage -updatedb new.xml', host: 'BTS01' },
    });
    // Cut before its type: it may still have been an intent.
    expect(summarizeRun(records, intent.slice(0, 40))?.resumeAt).toMatchObject({
      stepId: 'a',
      inFlight: { command: 'an action whose journal record was cut off mid-write', host: 'BTS01' },
    });
    // A torn record of another type is not an intent.
    expect(
      summarizeRun(records, '{"seq":4,"prev":"x","hash":"y","event":{"type":"check-passed","st')?.resumeAt,
    ).toEqual({
      stepId: 'a',
      sinceMs: 5000,
      finishedCommands: 1,
    });
  });

  it('counts the commands before a started one as finished, also in a session that continued the action', () => {
    // The first session ran cmd0 and died; the second continued with cmd1 (same attempt) and died during cmd2.
    const summary = summarizeRun(
      journal(
        started,
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 0),
        finished('c', 0),
        { type: 'run-resumed', runId: 'r1', operator: 'bob', completed: [] },
        { type: 'step-started', stepId: 'c', title: 'C', index: 3, total: 3 },
        action('c', 1, 1, 6000),
        finished('c', 1),
        action('c', 2, 1, 7000),
      ),
    )!;
    expect(summary.resumeAt).toMatchObject({
      stepId: 'c',
      finishedCommands: 2,
      inFlight: { command: 'cmd2' },
    });
  });
});
