import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { formatProblem } from '../../src/runbook/parse-yaml.js';
import { makeTempDir, runCli } from '../support/run-cli.js';

describe('numeric options and durations have sane bounds', () => {
  it.each([
    ['drill', '1e308'],
    ['drill', '1e15'],
    ['drill', '0'],
    ['lab', '1e15'],
  ])('%s --time-scale %s is refused in one line with the accepted range', (command, value) => {
    const dir = makeTempDir('sso-bounds-');
    const args =
      command === 'drill'
        ? ['drill', '--autopilot', '--time-scale', value, '--state-dir', dir]
        : ['lab', 'init', '--dir', join(dir, 'lab'), '--time-scale', value];
    const result = runCli(args, { timeoutMs: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      `--time-scale ${value}: give lab seconds per real second, from 0.001 to 100000`,
    );
  });

  it('lint rejects step timeouts and waits longer than a week (Node would fire them at once past 596 h)', () => {
    const file = join(makeTempDir('sso-bounds-'), 'long-timeout.yaml');
    writeFileSync(
      file,
      [
        'id: long-timeout',
        'title: Long timeout',
        'summary: x',
        'sources: [test]',
        'rto: 5m',
        'steps:',
        '  - id: wait-forever',
        '    title: Wait',
        '    timeout: 600h',
        '    action: { run: [echo, hi] }',
        '    post:',
        "      - run: ['true']",
        '        wait: { timeout: 597h, interval: 5s }',
        '    irreversible: it only prints',
        '',
      ].join('\n'),
    );
    expect(parseRunbookFile(file).problems.map(formatProblem)).toEqual([
      `${file}:9:14 steps.0.timeout: timeouts and waits are at most 168h (a week); found "600h" (text)`,
      expect.stringMatching(
        /long-timeout\.yaml:13:\d+ steps\.0\.post\.0\.wait\.timeout: timeouts and waits are at most 168h/,
      ),
    ]);
  });

  const header = 'id: bomb\ntitle: Bomb\nsummary: x\nsources: [test]\nrto: 5m\nsteps:\n';
  const anchored =
    "  - &s\n    id: say\n    title: Say\n    action: { run: [echo, hi] }\n    post: [{ run: ['true'] }]\n    irreversible: it only prints\n";

  it('locates a YAML anchor reused more than 100 times instead of reporting no problems', () => {
    const file = join(makeTempDir('sso-bounds-'), 'alias.yaml');
    writeFileSync(file, `${header}${anchored}${'  - *s\n'.repeat(150)}`);
    const lint = runCli(['lint', file]);
    expect(lint.status).toBe(2);
    expect(lint.stdout).toContain(`${file}:13:5 aliases (*name) expand more than 100 times`);
    const plan = runCli(['plan', file]);
    expect(plan.status).toBe(2);
    expect(plan.stderr).toContain('is not a valid runbook (1 problem(s))');
  });

  it('refuses to run duplicate step ids made by alias expansion', () => {
    const dir = makeTempDir('sso-bounds-');
    const file = join(dir, 'dups.yaml');
    writeFileSync(file, `${header}${anchored}${'  - *s\n'.repeat(3)}`);
    writeFileSync(join(dir, 'answers.yaml'), 'confirm: all\n');
    const run = runCli([
      'run',
      file,
      '--answers',
      join(dir, 'answers.yaml'),
      '--state-dir',
      join(dir, 'state'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:13:5 duplicate step id "say"`);
  });

  it('refuses a runbook larger than 1 MB with one located problem', () => {
    const file = join(makeTempDir('sso-bounds-'), 'huge.yaml');
    writeFileSync(file, `${header}${'  - id: s\n    titl: x\n'.repeat(60_000)}`);
    const lint = runCli(['lint', file]);
    expect(lint.status).toBe(2);
    expect(lint.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /huge\.yaml:1:1 the file has \d+ KB; runbooks, environments and answers files are at most 1024 KB/,
      ),
    ]);
  });
});
