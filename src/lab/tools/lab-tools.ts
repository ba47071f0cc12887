import { certutilTool } from './certutil-tool.js';
import { fsutilTool } from './fsutil-tool.js';
import { netTool } from './net-tool.js';
import { powershellTool } from './powershell-tool.js';
import { robocopyTool } from './robocopy-tool.js';
import { sqlcmdTool } from './sqlcmd-tool.js';
import { scTool } from './sc-tool.js';
import { ssoconfigTool } from './ssoconfig-tool.js';
import { ssomanageTool } from './ssomanage-tool.js';
import type { LabTool } from './tool-context.js';
import { wevtutilTool } from './wevtutil-tool.js';
import { hostnameTool, regTool, whoamiTool } from './windows-tools.js';

/** Tools by basename; `sso` ones exist only on SSO servers (elsewhere: "is not recognized"). */
export const LAB_TOOLS: Record<string, { run: LabTool; sso: boolean }> = {
  ssoconfig: { run: ssoconfigTool, sso: true },
  ssomanage: { run: ssomanageTool, sso: true },
  net: { run: netTool, sso: false },
  sc: { run: scTool, sso: false },
  reg: { run: regTool, sso: false },
  whoami: { run: whoamiTool, sso: false },
  hostname: { run: hostnameTool, sso: false },
  wevtutil: { run: wevtutilTool, sso: false },
  certutil: { run: certutilTool, sso: false },
  fsutil: { run: fsutilTool, sso: false },
  robocopy: { run: robocopyTool, sso: false },
  powershell: { run: powershellTool, sso: false },
  sqlcmd: { run: sqlcmdTool, sso: false },
};

/** `C:\Program Files\...\SSOManage.exe` and `ssomanage` are the same tool. */
export function toolBaseName(program: string): string {
  const base =
    program
      .replace(/^"(.*)"$/, '$1')
      .split(/[\\/]/)
      .pop() ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}
