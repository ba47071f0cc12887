import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where runs are kept: --state-dir, else %LOCALAPPDATA% on Windows, else the XDG state dir. */
export function resolveStateDir(override?: string): string {
  if (override) return override;
  if (process.env.SSO_FAILOVER_STATE_DIR) return process.env.SSO_FAILOVER_STATE_DIR;
  if (process.platform === 'win32' && process.env.LOCALAPPDATA)
    return join(process.env.LOCALAPPDATA, 'sso-failover');
  return join(process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'sso-failover');
}
