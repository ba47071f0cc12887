import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where runs are kept: --state-dir, else SSO_FAILOVER_STATE_DIR, else the platform's default. */
export function resolveStateDir(override?: string): string {
  if (override) return override;
  if (process.env.SSO_FAILOVER_STATE_DIR) return process.env.SSO_FAILOVER_STATE_DIR;
  return defaultStateDir();
}

/** %LOCALAPPDATA% on Windows, else the XDG state dir: what a command finds with no option and no variable. */
export function defaultStateDir(): string {
  if (process.platform === 'win32' && process.env.LOCALAPPDATA)
    return join(process.env.LOCALAPPDATA, 'sso-failover');
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'sso-failover');
}
