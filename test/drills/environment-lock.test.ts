import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createAutopilotAnswers } from '../../src/drill/drill-autopilot.js';
import { readSealedEnvelope } from '../../src/lab/index.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { CLI, makeTempDir, runCli } from '../support/run-cli.js';

/** `run` of the designate runbook against `labDir` from its own state folder, as a second jump host would. */
function startRun(labDir: string, answersFile: string, stateDir: string) {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'run',
      'designate-new-master-secret-server',
      '--env',
      join(labDir, 'environment.yaml'),
      '--answers',
      answersFile,
      '--state-dir',
      stateDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (status) => resolve({ status, stdout, stderr })),
  );
}

describe('one failover per environment, across state folders', () => {
  it('lets exactly one of two runs with different state folders proceed against one lab, and tells the other who holds it', async () => {
    const root = makeTempDir('sso-env-lock-');
    const labDir = join(root, 'lab');
    expect(runCli(['lab', 'init', '--dir', labDir, '--time-scale', '60']).status).toBe(0);
    const environment = loadEnvironment(join(labDir, 'environment.yaml'));
    const { runbook } = loadRunbook('designate-new-master-secret-server');
    const answers = createAutopilotAnswers(runbook, environment, {
      mss: environment.vars.currentMss ?? 'SSO01',
      faults: [],
      envelope: readSealedEnvelope(labDir),
    });
    const answersFile = join(root, 'answers.yaml');
    writeFileSync(answersFile, stringify(answers));
    const [a, b] = await Promise.all([
      startRun(labDir, answersFile, join(root, 'jump-host-a')),
      startRun(labDir, answersFile, join(root, 'jump-host-b')),
    ]);
    const locked = [a, b].filter((r) => r.stderr.includes('is held by'));
    const proceeded = [a, b].filter((r) => !r.stderr.includes('is held by'));
    expect(locked, `${a.stderr}\n${b.stderr}`).toHaveLength(1);
    expect(proceeded).toHaveLength(1);
    expect(proceeded[0]!.status, proceeded[0]!.stdout.slice(-1500)).toBe(0);
    const refusal = locked[0]!;
    expect(refusal.status).toBe(1);
    expect(refusal.stderr.trim().split('\n'), refusal.stderr).toHaveLength(1);
    // who, from where, since when, and how to watch that run
    expect(refusal.stderr).toMatch(
      /environment "lab" is held by \S+@\S+ \(run \S+, pid \d+, state folder \S+jump-host-[ab]\) since \d{4}-\d\d-\d\dT\S+: its lease on BTS01 is renewed while that run lives/,
    );
    expect(refusal.stderr).toMatch(
      /Watch that run on \S+ with `node dist\/cli\.js watch \S+ --state-dir \S+jump-host-[ab]`/,
    );
    // the lease lives on the SSO servers, not in any folder: the lab folder holds no lock file
    expect(existsSync(join(labDir, 'locks'))).toBe(false);
    expect(refusal.stdout).not.toContain('Run this on');
  }, 120_000);
});
