import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli, runCliKilledAfter } from '../support/run-cli.js';

const RUNBOOK = `id: answers-demo
title: Answers demo
summary: a conditional step and validated inputs
sources: [test]
rto: 5m
inputs:
  mode: { type: choice, choices: [promote, check], prompt: What to do }
  port: { type: string, prompt: Port, pattern: '^\\d+$' }
steps:
  - id: promote
    title: Promote
    when: mode == 'promote'
    action: { run: ['true'] }
    post: [{ run: ['true'] }]
    irreversible: test
  - id: look
    title: Look
    pre: [{ run: ['true'] }]
`;

function run(answers: string) {
  const dir = makeTempDir('sso-answers-');
  writeFileSync(join(dir, 'rb.yaml'), RUNBOOK);
  writeFileSync(join(dir, 'answers.yaml'), answers);
  const stateDir = join(dir, 'state');
  return runCli([
    'run',
    join(dir, 'rb.yaml'),
    '--answers',
    join(dir, 'answers.yaml'),
    '--state-dir',
    stateDir,
  ]);
}

describe('answers files are checked whole before the run (defect 13)', () => {
  it('needs no answer for a step whose condition is already known to be false', () => {
    const result = run('inputs: { mode: check, port: "5432" }\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 not needed');
  });

  it('refuses invalid values and unknown steps in one line, before anything runs', () => {
    const result = run('inputs: { mode: demote, port: "54x" }\nsteps: { promte: { confirm: yes } }\n');
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('nothing has run');
    expect(result.stderr).toContain('inputs.mode: "demote" is not valid: one of: promote, check');
    expect(result.stderr).toContain('inputs.port: "54x" is not valid: must match');
    expect(result.stderr).toContain('steps.promte: runbook answers-demo has no step promte');
  });
});

describe('drill on a runbook with no lab scenario', () => {
  it('says so in one line instead of starting an ENTSSO lab', () => {
    const result = runCli([
      'drill',
      '--runbook',
      'runbooks/examples/postgres-promote-replica.yaml',
      '--autopilot',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'sso-failover: runbook postgres-promote-replica has no lab scenario (no drill: block), and the lab simulates only ENTSSO; rehearse it with `node dist/cli.js run` against a test environment instead.',
    );
  });
});

describe('resume checks the answers file too', () => {
  it('refuses an invalid value before resuming, and needs no answers for steps already done', () => {
    const dir = makeTempDir('sso-answers-resume-');
    writeFileSync(join(dir, 'rb.yaml'), RUNBOOK);
    writeFileSync(join(dir, 'answers.yaml'), 'inputs: { mode: check, port: "5432" }\n');
    const stateDir = join(dir, 'state');
    const crashed = runCliKilledAfter(
      'step-started:look',
      'run',
      { answers: join(dir, 'answers.yaml'), stateDir },
      join(dir, 'rb.yaml'),
    );
    expect(crashed.status).toBeNull();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'inputs: { port: "54x" }\nsteps: { take-over-stale-lock: { confirm: yes } }\n',
    );
    const refused = runCli(['resume', '--answers', join(dir, 'bad.yaml'), '--state-dir', stateDir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('inputs.port: "54x" is not valid: must match');
    writeFileSync(join(dir, 'good.yaml'), 'steps: { take-over-stale-lock: { confirm: yes } }\n');
    const resumed = runCli(['resume', '--answers', join(dir, 'good.yaml'), '--state-dir', stateDir]);
    expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
  });
});
