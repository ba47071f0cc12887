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
      `${file}:9:14 steps.0.timeout: timeouts and waits are at most 168h (a week)`,
      expect.stringMatching(
        /long-timeout\.yaml:13:\d+ steps\.0\.post\.0\.wait\.timeout: timeouts and waits are at most 168h/,
      ),
    ]);
  });
});
