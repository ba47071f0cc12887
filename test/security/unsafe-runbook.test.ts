import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../support/run-cli.js';

const RUNBOOK = join(import.meta.dirname, 'fixtures/secret-in-argv.yaml');
const RULE = 'secret {{token}} may only be passed on stdin';

describe('a runbook that lint rejects', () => {
  const root = makeTempDir('sso-unsafe-');
  const answers = join(root, 'answers.yaml');
  writeFileSync(answers, 'inputs:\n  token: Canary-Argv-4410\nconfirm: all\n');
  const vars = ['--var', `workDir=${root}`];

  it.each([
    ['run', ['run', RUNBOOK, ...vars, '--answers', answers, '--state-dir', join(root, 'state')]],
    ['plan', ['plan', RUNBOOK, ...vars]],
    ['drill', ['drill', '--runbook', RUNBOOK, '--autopilot', '--state-dir', join(root, 'drill-state')]],
  ])('is refused by %s with the located problem, and nothing runs', (_command, args) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('breaks 1 safety rule(s) of `node dist/cli.js lint`; nothing was run');
    expect(result.stderr).toMatch(
      new RegExp(`secret-in-argv\\.yaml:17:\\d+ ${RULE.replace(/[{}]/g, '\\$&')}`),
    );
    expect(existsSync(join(root, 'ran.txt'))).toBe(false);
    expect(existsSync(join(root, 'drill-state', 'runs'))).toBe(false);
  });
});
