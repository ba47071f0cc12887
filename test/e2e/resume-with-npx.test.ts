import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, verifyBuilt } from '../support/pty.js';
import { makeTempDir } from '../support/run-cli.js';

/** PATH without any folder that holds an installed `sso-failover` or a node_modules/.bin. */
function pathWithoutTheTool(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules') && !existsSync(join(dir, 'sso-failover')))
    .join(':');
}

/**
 * The README's `npx sso-failover drill --autopilot`, interrupted during a wait the way Ctrl+C does it (SIGINT
 * to the whole foreground process group): the resume command it prints starts with `npx sso-failover` and
 * carries --state-dir and --autopilot, and run as printed from the same folder it finishes the drill.
 */
describe('a drill started with npx', () => {
  it('prints an npx resume command with every option it needs, which resumes and passes as printed', async () => {
    verifyBuilt();
    const root = makeTempDir('sso-npx-');
    const stateDir = join(root, 'state');
    const env = { ...process.env, PATH: pathWithoutTheTool(), NO_COLOR: '1' };
    const drill = spawn(
      'npx',
      ['sso-failover', 'drill', '--autopilot', '--time-scale', '3', '--state-dir', stateDir],
      {
        cwd: REPO_ROOT,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    drill.stdout.on('data', (d) => (out += d));
    drill.stderr.on('data', (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      drill.on('exit', (code, signal) => resolve({ code, signal })),
    );
    for (let i = 0; i < 1500 && !out.includes('Step 16 of 30'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('Step 16 of 30');
    process.kill(-drill.pid!, 'SIGINT');
    // npm itself may die of the SIGINT (a shell reports that as 130, like the tool's own exit code); the
    // tool, in the same process group, still stops cleanly and prints where to go on.
    const { code, signal } = await exited;
    expect(code === 130 || signal === 'SIGINT', `exit ${code} ${signal}: ${out.slice(-2000)}`).toBe(true);
    for (let i = 0; i < 500 && !/report\.html\n/.test(out); i++) await new Promise((r) => setTimeout(r, 20));
    const printed = /Continue with:\n\s+(.+)\n/.exec(out)?.[1];
    const runId = /Run (\S+) (?:stopped|canceled)/.exec(out)?.[1];
    expect(printed).toBe(`npx sso-failover resume ${runId} --state-dir ${stateDir} --autopilot`);
    expect(out).not.toContain('Drill grade');

    const resumed = spawnSync('/bin/sh', ['-c', printed!], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(resumed.status, resumed.stdout.slice(-2000) + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('PASSED: the drill reached every criterion.');
    expect(resumed.stdout.trimEnd()).toMatch(/Reports:\n\s+\S+report\.md\n\s+\S+report\.html$/);
  }, 180_000);
});
