import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../support/run-cli.js';

const RUNBOOK = join(import.meta.dirname, 'fixtures/env-secret.yaml');
const CANARY = 'Env-Canary-5519!';

describe('{env: NAME} answers', () => {
  it('are read once and removed from the environment: the command gets the secret on stdin, not in its environment', () => {
    const root = makeTempDir('sso-env-secret-');
    const workDir = join(root, 'work');
    mkdirSync(workDir);
    const answers = join(root, 'answers.yaml');
    writeFileSync(answers, 'inputs:\n  token: { env: SSO_TEST_TOKEN }\nconfirm: all\n');
    const result = runCli(
      [
        'run',
        RUNBOOK,
        '--var',
        `workDir=${workDir}`,
        '--state-dir',
        join(root, 'state'),
        '--answers',
        answers,
      ],
      { env: { SSO_TEST_TOKEN: CANARY } },
    );
    expect(result.status, result.stderr).toBe(0);
    const inherited = JSON.parse(readFileSync(join(workDir, 'inherited.json'), 'utf8')) as {
      names: string[];
      stdinLength: number;
    };
    expect(inherited.stdinLength).toBe(CANARY.length);
    expect(inherited.names).not.toContain('SSO_TEST_TOKEN');
    expect(inherited.names).toContain('PATH');
    expect(result.stdout + result.stderr).not.toContain(CANARY);
  });

  it('name a variable that is not set in one line, before anything runs', () => {
    const root = makeTempDir('sso-env-secret-');
    const answers = join(root, 'answers.yaml');
    writeFileSync(answers, 'inputs:\n  token: { env: SSO_TEST_UNSET_TOKEN }\nconfirm: all\n');
    const result = runCli([
      'run',
      RUNBOOK,
      '--var',
      `workDir=${root}`,
      '--state-dir',
      join(root, 'state'),
      '--answers',
      answers,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('environment variable SSO_TEST_UNSET_TOKEN, which is not set');
  });
});
