import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkDir, runScripted, runbookHeader as header } from '../support/engine-harness.js';

describe('runRunbook', () => {
  it('runs steps in order, interpolating each argv element on its own and capturing variables', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
inputs:
  who: { type: string, prompt: Who }
steps:
  - id: count-args
    title: Count
    pre:
      - run: [node, -e, 'console.log("args=" + (process.argv.length - 1) + " first=" + process.argv[1])', '{{who}}']
        capture: ['first=(?<first>.+)$']
  - id: write-it
    title: Write
    action:
      write: { path: '${dir}/out.txt', content: '{{first}}' }
    post:
      - file: { path: '${dir}/out.txt' }
    rollback: { run: [rm, '${dir}/out.txt'] }
`),
      [
        { ask: 'who', value: 'a b; $(rm -rf /)' },
        { confirm: 'write-it', value: true },
      ],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('a b; $(rm -rf /)');
    expect(run.types.filter((t) => t.startsWith('step-'))).toEqual([
      'step-started',
      'step-finished',
      'step-started',
      'step-finished',
    ]);
    expect(run.events.find((e) => e.type === 'variable-captured')).toMatchObject({
      name: 'first',
      value: 'a b; $(rm -rf /)',
    });
    expect(run.remaining()).toBe(0);
  });

  it('leaves the action out when every notNeededIf check passes, and runs it when one fails', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: already-so
    title: Already so
    confirm: false
    notNeededIf: [{ run: ['true'], label: it is already so }]
    action: { write: { path: '${dir}/first.txt', content: x } }
    post: [{ file: { path: '${dir}/first.txt' } }]
    irreversible: test
  - id: not-yet
    title: Not yet
    confirm: false
    notNeededIf: [{ run: ['false'], label: it is already so }]
    action: { write: { path: '${dir}/second.txt', content: x } }
    post: [{ file: { path: '${dir}/second.txt' } }]
    irreversible: test
`),
      [],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(existsSync(join(dir, 'first.txt'))).toBe(false);
    expect(existsSync(join(dir, 'second.txt'))).toBe(true);
    const started = run.events.filter((e) => e.type === 'action-started').map((e) => e.stepId);
    expect(started).toEqual(['not-yet']);
    expect(run.events.filter((e) => e.type === 'step-finished').map((e) => e.stepId)).toEqual([
      'already-so',
      'not-yet',
    ]);
  });

  it('records the intent of an action before it runs and its result after', async () => {
    const run = await runScripted(
      header(`
steps:
  - id: act
    title: Act
    confirm: false
    action: { run: [node, -e, 'process.exit(0)'] }
    post: [{ run: ['true'] }]
    irreversible: test
`),
      [],
    );
    const i = run.types.indexOf('action-started');
    expect(i).toBeGreaterThan(-1);
    expect(run.types[i + 1]).toBe('action-finished');
    expect(run.events[i]).toMatchObject({
      kind: 'run',
      command: `node -e 'process.exit(0)'`,
      rollback: false,
    });
  });

  it('offers the failure menu when a post-check fails, and retry runs the checks again', async () => {
    const dir = makeWorkDir();
    const flag = join(dir, 'flag');
    const script = [
      { confirm: 'wait-flag', value: true },
      { failure: 'wait-flag', value: 'retry' as const },
    ];
    const pending = runScripted(
      header(`
steps:
  - id: wait-flag
    title: Wait for flag
    action: { run: ['true'] }
    post: [{ file: { path: '${flag}' } }]
    rollback: { run: ['true'] }
`),
      script,
    );
    // The first check fails (no flag yet); the flag appears before the retry is answered… the scripted
    // operator answers at once, so create the flag now: the retry then passes.
    writeFileSync(flag, '');
    const run = await pending;
    expect(run.result.outcome).toBe('succeeded');
  });

  it('requires a typed reason to skip a step and records it', async () => {
    const run = await runScripted(
      header(`
steps:
  - id: fails
    title: Fails
    pre: [{ run: ['false'] }]
  - id: after
    title: After
    pre: [{ run: ['true'] }]
`),
      [
        { failure: 'fails', value: 'skip' },
        { reason: 'fails', value: 'checked by hand on the console' },
      ],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(run.result.skipped).toEqual(['fails']);
    expect(run.events.find((e) => e.type === 'step-skipped')).toMatchObject({
      stepId: 'fails',
      reason: 'checked by hand on the console',
      by: 'test-operator',
    });
  });

  it('does not offer rollback when a pre-check fails, and abort runs nothing after', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: guarded
    title: Guarded
    pre: [{ run: ['false'] }]
    action: { run: [touch, '${dir}/should-not-exist'] }
    post: [{ file: { path: '${dir}/should-not-exist' } }]
    rollback: { run: ['true'] }
  - id: later
    title: Later
    pre: [{ run: [touch, '${dir}/later'] }]
`),
      [{ failure: 'guarded', value: 'abort' }],
    );
    expect(run.result).toMatchObject({ outcome: 'aborted', stoppedAt: 'guarded' });
    expect(existsSync(join(dir, 'should-not-exist'))).toBe(false);
    expect(existsSync(join(dir, 'later'))).toBe(false);
  });

  it('rolls a step back on request and lets the operator go on', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: change
    title: Change
    action: { run: [touch, '${dir}/changed'] }
    post: [{ file: { path: '${dir}/never' } }]
    rollback: { run: [rm, '${dir}/changed'] }
`),
      [
        { confirm: 'change', value: true },
        { failure: 'change', value: 'rollback' },
        { failure: 'change', value: 'abort' },
      ],
    );
    expect(existsSync(join(dir, 'changed'))).toBe(false);
    expect(run.types).toContain('step-rolled-back');
    expect(
      run.events.filter((e) => e.type === 'action-started').map((e) => (e as { rollback: boolean }).rollback),
    ).toEqual([false, true]);
  });

  it('asks again for a step secret when its action is retried, and passes it on stdin only', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: restore
    title: Restore
    inputs:
      pw: { type: secret, prompt: Password }
    action:
      run: [node, -e, 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{require("fs").appendFileSync(process.argv[1], s.trim()+"\\n");process.exit(s.trim().length>12?0:3)})', '${dir}/got']
      stdin: "{{pw}}\\n"
    post: [{ run: ['true'] }]
    irreversible: test
`),
      [
        { ask: 'pw', value: 'wrong-one' },
        { confirm: 'restore', value: true },
        { failure: 'restore', value: 'retry' },
        { ask: 'pw', value: 'correct-password' },
        { confirm: 'restore', value: true },
      ],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(readFileSync(join(dir, 'got'), 'utf8')).toBe('wrong-one\ncorrect-password\n');
    const journal = JSON.stringify(run.events);
    expect(journal).not.toContain('wrong-one');
    expect(journal).not.toContain('correct-password');
    expect(run.events.filter((e) => e.type === 'input-provided')).toEqual([
      expect.objectContaining({ key: 'pw', secret: true }),
      expect.objectContaining({ key: 'pw', secret: true }),
    ]);
  });

  it('polls a post-check with a wait until it passes', async () => {
    const dir = makeWorkDir();
    const flag = join(dir, 'later');
    setTimeout(() => writeFileSync(flag, ''), 400);
    const run = await runScripted(
      header(`
steps:
  - id: slow
    title: Slow
    confirm: false
    action: { run: ['true'] }
    post:
      - file: { path: '${flag}' }
        wait: { timeout: 10s, interval: 100ms }
    irreversible: test
`),
      [],
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(run.shown.some((m) => m.kind === 'waiting')).toBe(true);
  });

  it('asks destructive confirms with No as the default, and others with Yes', async () => {
    const { createScriptedOperator } = await import('../support/scripted-operator.js');
    const seen: boolean[] = [];
    const scripted = createScriptedOperator([]);
    scripted.operator.confirm = async (request) => {
      seen.push(request.destructive);
      return !request.destructive;
    };
    scripted.operator.chooseOnFailure = async () => 'abort';
    const { runRunbook } = await import('../../src/engine/run-runbook.js');
    const { createClock } = await import('../../src/engine/clock.js');
    const { createLocalTransport } = await import('../../src/transports/local.js');
    const { RunbookSchema } = await import('../../src/runbook/schema.js');
    const runbook = RunbookSchema.parse({
      id: 't',
      title: 'T',
      summary: 's',
      sources: ['x'],
      rto: '1m',
      steps: [
        {
          id: 'harmless',
          title: 'H',
          action: { run: ['true'] },
          post: [{ run: ['true'] }],
          irreversible: 'harmless',
        },
        {
          id: 'd',
          title: 'D',
          action: { run: ['true'] },
          post: [{ run: ['true'] }],
          irreversible: 'cannot be undone',
          destructive: true,
        },
      ],
    });
    const environment = {
      name: 't',
      drill: false,
      hosts: { localhost: { roles: [], transport: { type: 'local' as const } } },
      vars: {},
    };
    const clock = createClock();
    const result = await runRunbook(
      {
        operator: scripted.operator,
        transport: createLocalTransport(),
        emit: () => {},
        clock,
        secrets: { register: () => {} },
      },
      {
        runId: 'r',
        runbook,
        runbookFile: 'x',
        environment,
        variables: {},
        secretKeys: new Set(),
        startedAtMs: clock.wallNow(),
        done: new Set(),
      },
      { runbookSha256: 'x' },
    );
    expect(seen).toEqual([false, true]);
    expect(result.outcome).toBe('aborted');
  });

  it('skips a step whose condition is false and runs forEach steps once per host', async () => {
    const dir = makeWorkDir();
    const environment = {
      name: 'multi',
      drill: false,
      hosts: {
        A1: { roles: ['sso-server'], transport: { type: 'local' as const } },
        B2: { roles: ['sso-server'], transport: { type: 'local' as const } },
        C3: { roles: ['sso-server'], transport: { type: 'local' as const } },
      },
      vars: { skipMe: 'no' },
    };
    const run = await runScripted(
      header(`
steps:
  - id: conditional
    title: Only when skipMe
    when: skipMe
    on: A1
    pre: [{ run: [touch, '${dir}/conditional'] }]
  - id: each
    title: Touch for {{server}}
    on: '{{server}}'
    forEach: { as: server, role: sso-server, except: [B2] }
    pre: [{ run: [touch, '${dir}/{{server}}'] }]
`),
      [],
      { environment },
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(existsSync(join(dir, 'conditional'))).toBe(false);
    expect(
      run.events.filter((e) => e.type === 'step-started').map((e) => (e as { stepId: string }).stepId),
    ).toEqual(['each@A1', 'each@C3']);
    expect([existsSync(join(dir, 'A1')), existsSync(join(dir, 'B2')), existsSync(join(dir, 'C3'))]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('refuses to run a step whose required step was skipped', async () => {
    const run = await runScripted(
      header(`
steps:
  - id: first
    title: First
    pre: [{ run: ['false'] }]
  - id: second
    title: Second
    requires: [first]
    pre: [{ run: ['true'] }]
`),
      [
        { failure: 'first', value: 'skip' },
        { reason: 'first', value: 'not today' },
        { failure: 'second', value: 'abort' },
      ],
    );
    expect(run.result).toMatchObject({ outcome: 'aborted', stoppedAt: 'second' });
  });
});

describe('parallel pre-flight', () => {
  const hosts = {
    A1: { roles: ['sso-server'], transport: { type: 'local' as const } },
    B2: { roles: ['sso-server'], transport: { type: 'local' as const } },
    C3: { roles: ['sso-server'], transport: { type: 'local' as const } },
  };

  it('checks every host at once, then asks only about the host that failed', async () => {
    const dir = makeWorkDir();
    const run = await runScripted(
      header(`
steps:
  - id: survey
    title: Survey {{server}}
    on: '{{server}}'
    forEach: { as: server, role: sso-server, parallel: true }
    pre:
      - run: [sh, -c, 'echo "$1 start $(date +%s%N)" >> "$0/log"; sleep 0.4; echo "$1 end $(date +%s%N)" >> "$0/log"; [ "$1" != B2 ]', '${dir}', '{{server}}']
      - run: [sh, -c, '[ "$0" != C3 ]', '{{server}}']
        optional: true
`),
      [
        { failure: 'survey@B2', value: 'skip' },
        { reason: 'survey@B2', value: 'B2 is being rebuilt' },
      ],
      { environment: { name: 'multi', drill: false, hosts, vars: {} } },
    );
    expect(run.result).toMatchObject({ outcome: 'succeeded', skipped: ['survey@B2'] });
    // Every host had started before any had finished: they ran concurrently.
    const lines = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
    const firstEnd = Math.min(
      ...lines.filter((l) => l.includes(' end ')).map((l) => Number(l.split(' ')[2])),
    );
    const lastStart = Math.max(
      ...lines
        .filter((l) => l.includes(' start '))
        .map((l) => Number(l.split(' ')[2]))
        .slice(0, 3),
    );
    expect(lastStart).toBeLessThan(firstEnd);
    expect(
      run.events
        .filter((e) => e.type === 'step-finished')
        .map((e) => (e as { stepId: string }).stepId)
        .sort(),
    ).toEqual(['survey@A1', 'survey@C3']);
    expect(run.prompts).toEqual(['failure:survey@B2', 'reason:survey@B2']);
    // The live list: one line per host, saying what passed and what did not.
    const live = run.shown
      .filter((m) => (m.kind === 'info' || m.kind === 'warning') && /checks/.test(m.text))
      .map((m) => `${m.kind}: ${(m as { text: string }).text.replace(/ +\(\d+\.\d s\)$/, '')}`)
      .sort();
    expect(live).toEqual([
      'info: A1  2 of 2 checks passed',
      'warning: B2  1 of 2 checks FAILED',
      'warning: C3  1 of 2 checks passed, 1 for information did not',
    ]);
  });
});

describe('checks that depend on a failed capture', () => {
  it('reports them as not run instead of crashing', async () => {
    const run = await runScripted(
      header(`
steps:
  - id: capture-then-use
    title: Capture then use
    pre:
      - run: ['false']
        capture: ['(?<value>.+)']
      - run: [echo, '{{value}}']
`),
      [{ failure: 'capture-then-use', value: 'abort' }],
    );
    expect(run.result.outcome).toBe('aborted');
    const failed = run.events
      .filter((e) => e.type === 'check-failed')
      .map((e) => (e as { observed: string }).observed);
    expect(failed[1]).toContain('not run: it needs {{value}}');
  });
});
