import { userInfo } from 'node:os';
import { detectProcessPlatform, type ProcessPlatform } from '../transports/process-platform.js';
import { runProcess } from '../transports/run-process.js';

/**
 * File modes (0600/0700) mean nothing on Windows, so the state folder gets an ACL instead: inherited
 * entries removed, full control for the operator alone, inherited by every run folder and file in it.
 * POSIX needs nothing (every file is created owner-only). Returns a warning when it could not be done.
 */
export async function restrictToOwner(
  dir: string,
  platform: ProcessPlatform = detectProcessPlatform(),
  account = windowsAccount(),
): Promise<string | undefined> {
  if (platform.os !== 'windows') return undefined;
  const args = [dir, '/inheritance:r', '/grant:r', `${account}:(OI)(CI)F`];
  const result = await runProcess(platform.icacls ?? 'icacls.exe', args, { timeoutMs: 15_000, platform });
  if (result.ok) return undefined;
  const output = [result.error, result.stderr, result.stdout].map((text) => text?.trim()).find(Boolean);
  const said = output?.split(/\r?\n/).at(-1) ?? `exit ${result.exitCode}`;
  return `Could not make ${dir} readable by ${account} alone (icacls: ${said}); other users of this computer may read its journals and reports. Check with: icacls "${dir}"`;
}

/** DOMAIN\user as Windows names the account running this process. */
function windowsAccount(): string {
  const domain = process.env.USERDOMAIN;
  const user = userInfo().username;
  return domain ? `${domain}\\${user}` : user;
}
