import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { createPowerShellArgs, findUnsafeNativeArgument, renderPowerShellCommand } from './powershell.js';
import { readProbeFacts } from './probe-facts.js';
import { failedResult } from './results.js';
import { runProcess } from './run-process.js';
import { createProbeCall } from './windows-probes.js';
import {
  createExecCall,
  createWinRmScript,
  createWriteCall,
  type RemoteScriptOptions,
  UNREACHABLE_EXIT_CODE,
} from './windows-scripts.js';

export type WinRmSettings = {
  address: string;
  useSsl: boolean;
  /** the PowerShell run here: powershell.exe on Windows, pwsh elsewhere */
  program?: string;
};

/**
 * PowerShell remoting: a local PowerShell runs `Invoke-Command -ComputerName` with the script block and its
 * values as -ArgumentList. WinRM has no terminal, so interactive commands are refused with instructions.
 */
export function createWinRmTransport(settings: WinRmSettings): Transport {
  const run = (script: string, options: ExecOptions) => runWinRm(settings, script, options);
  const remote = (output: RemoteScriptOptions['output']): RemoteScriptOptions => ({
    computer: settings.address,
    useSsl: settings.useSsl,
    output,
  });
  return {
    describe: () => `WinRM ${settings.address}${settings.useSsl ? ' (HTTPS)' : ''}`,
    exec: async (host, argv, options = {}) => {
      if (options.interactive) return failedResult(consoleOnlyMessage(host, argv));
      const unsafe = findUnsafeNativeArgument(argv);
      if (unsafe)
        return failedResult(
          `cannot run this on ${host}: ${unsafe}, which PowerShell does not pass on intact`,
        );
      return run(
        createWinRmScript(createExecCall(argv, options.stdin !== undefined), remote('exec')),
        options,
      );
    },
    probe: async (host, probe: Probe, options = {}): Promise<ProbeResult> => {
      const script = createWinRmScript(createProbeCall(probe), remote('lines'));
      return readProbeFacts(probe, host, await run(script, { timeoutMs: 120_000, ...signalOf(options) }));
    },
    writeFile: (_host, path, content, options = {}) =>
      run(createWinRmScript(createWriteCall(path), remote('lines')), {
        stdin: content,
        timeoutMs: 120_000,
        ...signalOf(options),
      }),
    render: (_host, argv) => renderPowerShellCommand(argv),
  };
}

/** What the operator is told when a command needs a terminal on a host reached over WinRM. */
export function consoleOnlyMessage(host: string, argv: readonly string[]): string {
  return `${argv[0]} asks for input at the console, and WinRM cannot attach your terminal. Log on to ${host} (console or RDP), run it in an elevated prompt: ${renderPowerShellCommand(argv)} — then choose Retry here; its checks confirm it worked.`;
}

async function runWinRm(settings: WinRmSettings, script: string, options: ExecOptions): Promise<ExecResult> {
  const program = settings.program ?? (process.platform === 'win32' ? 'powershell.exe' : 'pwsh');
  const result = await runProcess(program, createPowerShellArgs(script), options);
  if (result.exitCode !== UNREACHABLE_EXIT_CODE || result.error) return result;
  const said = result.stderr.trim().split('\n').at(-1) ?? '';
  return {
    ...result,
    error: `WinRM to ${settings.address} failed: ${said}. Check that WinRM is enabled there (Test-WSMan ${settings.address}) and that you may use it.`,
  };
}

function signalOf(options: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}
