import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';
import { encodeAsWindows } from '../support/windows-encodings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RUNBOOK = join(import.meta.dirname, 'fixtures/secret-on-stdin.yaml');

/** Files as a Windows administrator makes them: `… | Out-File x.yaml` in PowerShell 5.1 (UTF-16LE, BOM, CRLF). */
function setUp(password: Buffer) {
  const root = makeTempDir('sso-windows-files-');
  dirs.push(root);
  const env = join(root, 'environment.yaml');
  const answers = join(root, 'answers.yaml');
  const secret = join(root, 'password.txt');
  writeFileSync(
    env,
    encodeAsWindows(
      `name: jump-host\nhosts:\n  localhost: { roles: [local], transport: { type: local } }\nvars:\n  workDir: "${root}"\n`,
      'utf-16le',
    ),
  );
  writeFileSync(
    answers,
    encodeAsWindows(`inputs:\n  token: { file: "${secret}" }\nconfirm: all\n`, 'utf-16le'),
  );
  writeFileSync(secret, password);
  const state = join(root, 'state');
  return {
    root,
    run: () => runCli(['run', RUNBOOK, '--env', env, '--answers', answers, '--state-dir', state]),
    state,
  };
}

describe('files saved by Windows tools', () => {
  it('runs a local runbook from an environment, an answers file and a password file saved as UTF-16LE with a BOM and CRLF', () => {
    const password = 'Pässw0rd!§';
    const { root, run, state } = setUp(encodeAsWindows(`${password}\n`, 'utf-16le'));
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The command got the password itself: the same number of characters, no BOM, no CR, no NULs.
    expect(readFileSync(join(root, 'length.txt'), 'utf8')).toBe(`len=${password.length}`);
    expect(readRunEvents(state).at(-1)).toMatchObject({ type: 'run-finished' });
  });

  it('refuses a password file garbled by a wrong encoding, in one line, before any command runs', () => {
    const { root, run } = setUp(Buffer.from('p\xe4ss', 'latin1'));
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('which was not used: it is not valid UTF-8 text');
    expect(() => readFileSync(join(root, 'length.txt'))).toThrow();
  });
});
