import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  execLabTool,
  initLab,
  type LabExecResult,
  type LabInitOptions,
  writeLabFile,
} from '../../src/lab/index.js';
import { CONFIG_BAG_TYPE } from '../../src/lab/tools/powershell-sso-interop.js';
import { LAB_TOOL } from '../support/pty.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sso-lab-'));
  dirs.push(dir);
  return dir;
}

/** A fresh lab; fast by default (6000 lab s per real s: a 20 s ENTSSO start takes ~3 ms). */
export function createTestLab(options: Partial<LabInitOptions> & { processes?: boolean } = {}) {
  const { processes = false, ...init } = options;
  const dir = join(tempDir(), 'lab');
  const summary = initLab({ timeScale: 6000, ...init, dir });
  const run = (host: string, argv: string[], stdin?: string): LabExecResult =>
    // ssoconfig reads its passwords from the console, never from stdin: its answers are typed at a
    // console, which the kit gives in process (a real one needs a terminal; test/e2e drives one)
    atConsole(argv, stdin)
      ? execLabTool(dir, host, argv, { ask: answerLines(stdin!) })
      : processes
        ? execAsProcess(dir, host, argv, stdin)
        : execLabTool(dir, host, argv, { stdin });
  return { dir, summary, run };
}

const atConsole = (argv: string[], stdin: string | undefined) =>
  stdin !== undefined && /^ssoconfig(\.exe)?$/i.test(argv[0] ?? '');

/** Answers prompts in order from the lines of `text`, as a person at the console would type them. */
function answerLines(text: string) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  return ({ index }: { index: number }) => lines[index] ?? '';
}

/**
 * The tool as its own process, the lab's entry point `dist/lab-tool.js exec` — what the lab transport runs
 * by default. POSIX exit
 * statuses stop at 255, so Windows codes above that (9009, 1060) arrive as 1; the tests that read such
 * codes run in-process.
 */
export function execAsProcess(dir: string, host: string, argv: string[], stdin?: string): LabExecResult {
  const result = spawnSync(
    process.execPath,
    [LAB_TOOL, 'exec', '--dir', dir, '--host', host, '--', ...argv],
    {
      input: stdin ?? '',
      encoding: 'utf8',
    },
  );
  if (result.error) throw result.error;
  return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** What `lab exec` exits with for a Windows exit code: itself up to 255, else 1 (see src/commands/lab.ts). */
export function posixExitCode(windowsCode: number): number {
  return windowsCode > 255 ? 1 : windowsCode;
}

/**
 * The ways the rule and fault tests run the lab's tools: in-process only, since the real-process path
 * (`lab exec`, what the lab transport runs) is proven once per tool in lab-tools-process.test.ts (system
 * project) — running every rule twice cost 8× the in-process time for no extra behaviour covered.
 */
export const LAB_MODES: readonly { mode: string; processes: boolean }[] = [
  { mode: 'in-process', processes: false },
];

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The runbooks' ISSOConfigSS restore script (PowerShell, the password on its stdin) for `file`. */
export function interopRestore(file: string): string[] {
  const script = [
    "$ErrorActionPreference = 'Stop'",
    "Add-Type -Path 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\Microsoft.EnterpriseSingleSignOn.Interop.dll'",
    '$secretServer = New-Object Microsoft.EnterpriseSingleSignOn.Interop.SSOConfigSS',
    '$reminder = $null',
    `$secretServer.GetFilePasswordReminder('${file}', [ref]$reminder)`,
    "'Password reminder : ' + $reminder",
    `$secretServer.RestoreSecret('${file}', [Console]::In.ReadLine())`,
    "'The operation completed successfully.'",
  ].join('; ');
  return ['powershell', '-NoProfile', '-NonInteractive', '-Command', script];
}

const INTEROP_DLL =
  'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\Microsoft.EnterpriseSingleSignOn.Interop.dll';

/** The runbooks' decrypting read: ISSOConfigStore.GetConfigInfo on a config-store application. */
export function readConfig(app: string): string[] {
  const script = [
    "$ErrorActionPreference = 'Stop'",
    `Add-Type -Path '${INTEROP_DLL}'`,
    `Add-Type -ReferencedAssemblies '${INTEROP_DLL}' -TypeDefinition '${CONFIG_BAG_TYPE}'`,
    '$bag = New-Object ConfigBag',
    `(New-Object Microsoft.EnterpriseSingleSignOn.Interop.SSOConfigStore).GetConfigInfo('${app}', 'ConfigProperties', 4, $bag)`,
    "'Values read : ' + $bag.Values.Count",
  ].join('; ');
  return ['powershell', '-NoProfile', '-NonInteractive', '-Command', script];
}

/** The services that depend on ENTSSO on a lab BizTalk server. */
export const BIZTALK_SERVICES = [
  'BTSSvc$BizTalkServerApplication',
  'BTSSvc$TrackingHost',
  'RuleEngineUpdateService',
];

export const NEW_MSS_XML = (name: string) =>
  `<sso>\n  <globalInfo>\n    <secretServer>${name}</secretServer>\n  </globalInfo>\n</sso>\n`;

type Lab = ReturnType<typeof createTestLab>;

/** The documented failover, step by step, on `target`; returns the outputs for assertions. */
export function failOverTo(lab: Lab, target: string, password: string, backupPath = lab.summary.backupPath) {
  writeLabFile(lab.dir, target, 'C:\\SSOFailover\\NewMSS.xml', NEW_MSS_XML(target));
  const updatedb = lab.run(target, ['ssomanage', '-updatedb', 'C:\\SSOFailover\\NewMSS.xml']);
  const stop = lab.run(target, ['net', 'stop', 'entsso', '/y']);
  const start = lab.run(target, ['net', 'start', 'entsso']);
  const restore = lab.run(target, ['ssoconfig', '-restoreSecret', backupPath], `${password}\n`);
  // net stop entsso /y stopped the services that depend on ENTSSO there: they start again after the restore
  const dependents = BIZTALK_SERVICES.map((name) => lab.run(target, ['net', 'start', name]));
  return { updatedb, stop, start, restore, dependents };
}

export function takeFreshBackup(lab: Lab, host: string, password = 'Fresh-Backup-2025!') {
  return lab.run(
    host,
    ['ssoconfig', '-backupSecret', 'C:\\SSOBackup\\after-failover.bak'],
    `${password}\n${password}\nafter failover\n`,
  );
}
