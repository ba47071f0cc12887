import { execFileSync, spawnSync } from 'node:child_process';
import { CLI, type CliResult } from './run-cli.js';

/** The second real OS account the two-person rule tests approve with (created here, or by .ci/run). */
export const APPROVER = 'sso-approver';
/** A third account, for a policy of three people. */
export const SECOND_APPROVER = 'sso-approver2';

/**
 * Make sure the approver account exists. Creating an account takes root, which CI has; on a machine where
 * the tests do not run as root, an administrator creates it once (`useradd --system sso-approver`).
 */
export function ensureApproverAccount(user = APPROVER): void {
  if (spawnSync('id', ['-u', user]).status === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `the two-person rule tests need another OS account "${user}"; create it once as root: useradd --system --no-create-home ${user}`,
    );
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user]);
}

/** The built CLI run by the approver account (runuser: no password, no TTY), as another person would. */
export function runCliAs(user: string, args: string[]): CliResult {
  const result = spawnSync('runuser', ['-u', user, '--', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, NO_COLOR: '1', HOME: '/tmp' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
