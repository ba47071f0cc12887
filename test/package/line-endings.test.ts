import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/pty.js';

describe('.gitattributes', () => {
  it('checks golden files, runbooks and sources out with LF on every platform (Git for Windows too)', () => {
    const files = [
      'test/report/golden/crafted-run.md.golden',
      'test/report/golden/resumed-run.md.golden',
      'runbooks/designate-new-master-secret-server.yaml',
      'src/cli.ts',
    ];
    const result = spawnSync('git', ['check-attr', 'eol', '--', ...files], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(files.map((file) => `${file}: eol: lf`));
  });
});
