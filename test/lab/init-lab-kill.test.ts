import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeTempDir, runCli } from '../support/run-cli.js';

/** `lab init` killed with SIGKILL `afterMs` after it started (0: as soon as it runs). */
async function killInit(dir: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'lab', 'init', '--dir', dir], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await exited;
}

describe('lab init killed part-way', () => {
  it('leaves either a complete lab or none: status, verify and reset never crash, and init then succeeds', async () => {
    const outcomes: string[] = [];
    for (const afterMs of [0, 40, 80, 120, 160, 200, 260, 330, 420, 550]) {
      const dir = join(makeTempDir('sso-lab-kill-'), 'lab');
      await killInit(dir, afterMs);
      for (const command of ['status', 'verify', 'reset']) {
        const result = runCli(['lab', command, '--dir', dir]);
        expect(result.stderr, `${command} after a kill at ${afterMs} ms`).not.toContain('internal error');
        if (result.status === 2) expect(result.stderr).toContain(`no lab in ${dir}`);
      }
      const status = runCli(['lab', 'status', '--dir', dir]);
      outcomes.push(status.status === 0 ? 'complete' : 'none');
      if (status.status !== 0) expect(runCli(['lab', 'init', '--dir', dir]).status).toBe(0);
    }
    // The loop is only meaningful if some kills landed before the lab was complete.
    expect(outcomes).toContain('none');
  }, 120_000);

  it('says in one line that a lab whose database was damaged is damaged', () => {
    const dir = join(makeTempDir('sso-lab-kill-'), 'lab');
    expect(runCli(['lab', 'init', '--dir', dir]).status).toBe(0);
    writeFileSync(join(dir, 'lab.sqlite'), 'not a database');
    for (const command of ['status', 'verify', 'reset']) {
      const result = runCli(['lab', command, '--dir', dir]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`the lab in ${dir} is damaged (`);
    }
  });
});
