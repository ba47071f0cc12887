import { randomBytes } from 'node:crypto';
import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { createPowerShellArgs, renderPowerShellCommand } from './powershell.js';
import { readProbeFacts } from './probe-facts.js';
import { failedResult } from './results.js';
import { decodeClixml } from './decode-clixml.js';
import { runProcess } from './run-process.js';
import { createProbeCall } from './windows-probes.js';
import {
  createExecCall,
  createStopCall,
  createWinRmScript,
  REMOTE_STOP_PREFIX,
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
  const remote = (output: RemoteScriptOptions['output']) => remoteOptions(settings, output);
  return {
    describe: () => `WinRM ${settings.address}${settings.useSsl ? ' (HTTPS)' : ''}`,
    exec: async (host, argv, options = {}) => {
      if (options.interactive) return failedResult(consoleOnlyMessage(host, argv));
      // No findUnsafeNativeArgument here: the arguments reach the program as one MSVCRT-quoted command line.
      return execRemote(settings, host, argv, options);
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

/**
 * Time the client waits beyond the step's timeout: the server enforces the timeout itself and reports
 * it; the client's own limit only catches a connection that hangs.
 */
const CLIENT_GRACE_MS = 30_000;
/** How long the call that stops a canceled command may take. */
const STOP_TIMEOUT_MS = 20_000;

/**
 * Runs argv on the computer so that a timeout or Ctrl+C ends it there too (windows-scripts.ts, EXEC_BODY):
 * the server stops it at the timeout; a cancel here, or a client that gave up, sends the stop call.
 */
async function execRemote(
  settings: WinRmSettings,
  host: string,
  argv: readonly string[],
  options: ExecOptions,
): Promise<ExecResult> {
  const token = randomBytes(12).toString('hex');
  const call = createExecCall(argv, {
    stdin: options.stdin !== undefined,
    timeoutMs: options.timeoutMs,
    token,
  });
  const result = readRemoteStop(
    await runWinRm(settings, createWinRmScript(call, remoteOptions(settings, 'exec')), {
      ...options,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs + CLIENT_GRACE_MS } : {}),
    }),
  );
  if (!result.canceled && !result.timedOut) return result;
  if (result.stoppedThere) return result;
  return { ...result, stderr: result.stderr + (await stopRemote(settings, host, argv[0]!, token)) };
}

/** The server's own report that it stopped the command (timeout or cancel) becomes the result's flags. */
function readRemoteStop(result: ExecResult): ExecResult & { stoppedThere?: boolean } {
  const lines = result.stderr.replace(/\r?\n$/, '').split(/\r?\n/);
  const last = lines.at(-1) ?? '';
  if (result.exitCode !== 1 || !last.startsWith(REMOTE_STOP_PREFIX)) return result;
  const reason = last.slice(REMOTE_STOP_PREFIX.length);
  const stderr = [...lines.slice(0, -1), `Stopped on the server: ${reason}.`].join('\n');
  return {
    ...result,
    ok: false,
    exitCode: null,
    stderr: `${stderr}\n`,
    timedOut: reason.startsWith('timed out'),
    canceled: reason.startsWith('canceled'),
    stoppedThere: true,
  };
}

/** Ends the command on the server after a cancel here; says what happened, in a line for the operator. */
async function stopRemote(
  settings: WinRmSettings,
  host: string,
  exe: string,
  token: string,
): Promise<string> {
  const script = createWinRmScript(createStopCall(token), remoteOptions(settings, 'lines'));
  const stop = await runWinRm(settings, script, { timeoutMs: STOP_TIMEOUT_MS });
  if (stop.ok) return `Stopped on ${host} too: ${stop.stdout.trim()}.\n`;
  const why = stop.error ?? (stop.timedOut ? 'no answer in 20 s' : stop.stderr.trim().split('\n').at(-1));
  const name = exe
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.exe$/i, '');
  return `Could not stop it on ${host} (${why}); it may still be running there: check with Get-Process ${name} on ${host}.\n`;
}

/** What the operator is told when a command needs a terminal on a host reached over WinRM. */
export function consoleOnlyMessage(host: string, argv: readonly string[]): string {
  return `${argv[0]} asks for input at the console, and WinRM cannot attach your terminal. Log on to ${host} (console or RDP), run it in an elevated prompt: ${renderPowerShellCommand(argv)} — then choose Retry here; its checks confirm it worked.`;
}

async function runWinRm(settings: WinRmSettings, script: string, options: ExecOptions): Promise<ExecResult> {
  const program = settings.program ?? (process.platform === 'win32' ? 'powershell.exe' : 'pwsh');
  const raw = await runProcess(program, createPowerShellArgs(script), options);
  const result = { ...raw, stderr: decodeClixml(raw.stderr) };
  if (result.exitCode !== UNREACHABLE_EXIT_CODE || result.error) return result;
  const said = result.stderr.trim().split('\n').at(-1) ?? '';
  return {
    ...result,
    error: `WinRM to ${settings.address} failed: ${said}. Check that WinRM is enabled there (Test-WSMan ${settings.address}) and that you may use it.`,
  };
}

/** Where a script block runs: the computer of these settings, printing as `output` says. */
function remoteOptions(settings: WinRmSettings, output: RemoteScriptOptions['output']): RemoteScriptOptions {
  return { computer: settings.address, useSsl: settings.useSsl, output };
}

function signalOf(options: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}
