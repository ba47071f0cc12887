import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, breakStaleLock, lockFileFor } from '../../src/journal/lock.js';
import { makeTempDir, runCli } from '../support/run-cli.js';

const LOCK_MODULE = join(import.meta.dirname, '../../dist/journal/lock.js');

/**
 * A real process that tries to take the lock at `startAt` (epoch ms) and prints won/lost. The winner holds
 * the lock until its stdin closes, which the test does only once every contender has tried: so a contender
 * that a loaded machine starts late still meets a held lock, and the count of winners stays meaningful.
 */
function contender(file: string, startAt: number, id: number) {
  const script = `
    const { acquireLock } = await import(${JSON.stringify(LOCK_MODULE)});
    while (Date.now() < ${startAt}) {}
    const r = acquireLock(${JSON.stringify(file)}, 'run-${id}');
    console.log(r.acquired ? 'won' : 'lost');
    process.stdin.resume();
    process.stdin.on('end', () => { if (r.acquired) r.release(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const said = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => resolve(out.trim()));
    child.on('error', reject);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { said, release: () => child.stdin.end(), exited };
}

describe('environment lock', () => {
  it('lets exactly one of several runs started at the same instant proceed (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const file = lockFileFor(makeTempDir('sso-lock-'), 'prod');
      const startAt = Date.now() + 300;
      const contenders = [0, 1, 2, 3].map((id) => contender(file, startAt, id));
      const results = await Promise.all(contenders.map((c) => c.said));
      for (const c of contenders) c.release();
      await Promise.all(contenders.map((c) => c.exited));
      expect(
        results.filter((r) => r === 'won'),
        `round ${round}: ${results}`,
      ).toHaveLength(1);
      expect(existsSync(file)).toBe(false);
    }
  }, 60_000);

  it('refuses a second run while the first holds the lock, naming the holder', () => {
    const file = lockFileFor(makeTempDir('sso-lock-'), 'prod');
    const first = acquireLock(file, 'run-a');
    const second = acquireLock(file, 'run-b');
    expect(first.acquired).toBe(true);
    expect(second).toMatchObject({
      acquired: false,
      stale: false,
      holder: { runId: 'run-a', pid: process.pid },
    });
    if (first.acquired) first.release();
    expect(acquireLock(file, 'run-c').acquired).toBe(true);
  });

  it('sees at once that a lock whose process is gone is stale, and breaks it only if unchanged', () => {
    const file = lockFileFor(makeTempDir('sso-lock-'), 'prod');
    acquireLock(file, 'dummy'); // create the folder
    const stale = JSON.stringify({
      user: 'bob',
      host: hostname(),
      pid: 2 ** 22 + 7,
      runId: 'old',
      since: '2026-01-01T00:00:00Z',
    });
    writeFileSync(file, stale);
    const attempt = acquireLock(file, 'new');
    expect(attempt).toMatchObject({ acquired: false, stale: true, holder: { user: 'bob', runId: 'old' } });
    expect(breakStaleLock(file, 'something else')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(stale);
    expect(breakStaleLock(file, stale)).toBe(true);
    expect(acquireLock(file, 'new').acquired).toBe(true);
  });

  it('takes over a stale lock from an answers file only when the file says so by name', () => {
    const dir = makeTempDir('sso-lock-cli-');
    const stateDir = join(dir, 'state');
    writeFileSync(
      join(dir, 'tiny.yaml'),
      [
        'id: tiny',
        'title: Tiny',
        'summary: One harmless step.',
        'sources: [test]',
        'rto: 5m',
        'steps:',
        '  - id: say',
        '    title: Say hello',
        '    action: { run: [echo, hello] }',
        "    post: [{ run: ['true'] }]",
        '    irreversible: it only prints',
        '',
      ].join('\n'),
    );
    const file = lockFileFor(stateDir, 'local');
    acquireLock(file, 'dummy'); // create the folder
    const stale = JSON.stringify({
      user: 'bob',
      host: hostname(),
      pid: 2 ** 22 + 7,
      runId: 'old',
      since: '2026-01-01T00:00:00Z',
    });
    writeFileSync(file, stale);
    const run = (answers: string) => {
      writeFileSync(join(dir, 'answers.yaml'), answers);
      return runCli([
        'run',
        join(dir, 'tiny.yaml'),
        '--answers',
        join(dir, 'answers.yaml'),
        '--state-dir',
        stateDir,
      ]);
    };
    // A blanket confirm does not cover another operator's lock, and the message does not suggest it does.
    const blanket = run('confirm: all\n');
    expect(blanket.status).toBe(2);
    expect(blanket.stderr).toContain('has no answer for: steps.take-over-stale-lock.confirm.');
    expect(blanket.stderr).not.toContain('confirm: all');
    expect(readFileSync(file, 'utf8')).toBe(stale);
    const named = run('confirm: all\nsteps:\n  take-over-stale-lock: { confirm: yes }\n');
    expect(named.status).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it("keeps the lock in the environment's lockDir (a share), so a run from another state folder is refused", () => {
    const dir = makeTempDir('sso-lock-share-');
    const share = join(dir, 'share');
    writeFileSync(
      join(dir, 'tiny.yaml'),
      [
        'id: tiny',
        'title: Tiny',
        'summary: One harmless step',
        'sources: [test]',
        'rto: 5m',
        'steps:',
        '  - id: say',
        '    title: Say hello',
        '    action: { run: [echo, hello] }',
        "    post: [{ run: ['true'] }]",
        '    irreversible: it only prints',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'env.yaml'),
      `name: shared\nhosts:\n  localhost: { transport: { type: local } }\nlockDir: ${share}\n`,
    );
    writeFileSync(join(dir, 'answers.yaml'), 'confirm: all\n');
    // The first operator's run, from their own state folder, holds the environment.
    const held = acquireLock(lockFileFor(share, 'shared'), 'run-of-alice', join(dir, 'alice-state'));
    expect(held.acquired).toBe(true);
    const second = runCli([
      'run',
      join(dir, 'tiny.yaml'),
      '--env',
      join(dir, 'env.yaml'),
      '--answers',
      join(dir, 'answers.yaml'),
      '--state-dir',
      join(dir, 'bob-state'),
    ]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(
      /environment "shared" is locked by \S+ \(pid \d+, run run-of-alice in \S+alice-state\)/,
    );
    expect(second.stderr).toMatch(
      /Watch that run on \S+ with `node dist\/cli\.js watch run-of-alice --state-dir \S+alice-state`/,
    );
    if (held.acquired) held.release();
    expect(
      runCli([
        'run',
        join(dir, 'tiny.yaml'),
        '--env',
        join(dir, 'env.yaml'),
        '--answers',
        join(dir, 'answers.yaml'),
        '--state-dir',
        join(dir, 'bob-state'),
      ]).status,
    ).toBe(0);
  });
});
