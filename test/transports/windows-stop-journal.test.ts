import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalTransport } from '../../src/transports/local.js';
import { runScripted } from '../support/engine-harness.js';
import { createTaskkillStandIn, readTaskkillCalls } from './taskkill-stand-in.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a step that times out on a Windows jump host (Windows branch, stand-in taskkill)', () => {
  it('stops the tree with taskkill and the journal records what taskkill did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-windows-stop-'));
    dirs.push(dir);
    const standIn = createTaskkillStandIn(dir);
    const transport = createLocalTransport({ os: 'windows', taskkill: standIn.program });
    const run = await runScripted(
      `
id: t
title: T
summary: test
sources: [test]
rto: 1m
steps:
  - id: hangs
    title: A command that hangs, with a child of its own
    timeout: 1s
    action: { run: [sh, -c, 'sleep 30 & sleep 30'] }
    post:
      - run: ['true']
    irreversible: test
`,
      [
        { confirm: 'hangs', value: true },
        { failure: 'hangs', value: 'abort' },
      ],
      { transport },
    );
    const finished = run.events.find((event) => event.type === 'action-finished');
    expect(finished).toMatchObject({ timedOut: true, ok: false });
    const calls = readTaskkillCalls(standIn.log);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(['/PID', expect.stringMatching(/^\d+$/), '/T', '/F']);
    expect(finished && 'stderr' in finished ? finished.stderr : '').toContain(
      `Stopped the command and its child processes (taskkill ${calls[0]!.join(' ')}).`,
    );
    expect(run.result.outcome).toBe('aborted');
  });
});
