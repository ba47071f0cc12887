import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { quoteCmd } from './cmd.js';
import { createPosixWriteArgv, createPosixProbeArgv } from './posix-scripts.js';
import { createWatchedCommand } from './posix-watchdog.js';
import { createPowerShellArgs, findUnsafeNativeArgument, renderPowerShellCommand } from './powershell.js';
import { readProbeFacts } from './probe-facts.js';
import { quotePosix, quoteWindows } from './quote.js';
import { failedResult } from './results.js';
import { decodeClixml } from './decode-clixml.js';
import { runProcess } from './run-process.js';
import { createSshArgs, formatSshTarget, type SshSettings } from './ssh-args.js';
import { createProbeCall } from './windows-probes.js';
import { createLocalScript, createNativeScript, createWriteCall } from './windows-scripts.js';

/** Commands run over OpenSSH, in the remote login shell the host is configured with. */
export function createSshTransport(settings: SshSettings): Transport {
  const target = `ssh ${formatSshTarget(settings)}`;
  return {
    describe: () => `${target} (${settings.shell})`,
    exec: (_host, argv, options = {}) => execOverSsh(settings, argv, options),
    probe: (host, probe, options = {}) => probeOverSsh(settings, host, probe, options),
    writeFile: (_host, path, content, options = {}) => writeOverSsh(settings, path, content, options),
    render: (_host, argv) => renderForShell(settings.shell, argv),
  };
}

export function renderForShell(shell: SshSettings['shell'], argv: readonly string[]): string {
  if (shell === 'posix') return quotePosix(argv);
  if (shell === 'cmd') return quoteWindows(argv);
  return renderPowerShellCommand(argv);
}

/** `powershell -EncodedCommand <base64>`: safe in any remote shell, since base64 has no special characters. */
function powershellLine(script: string): string {
  return ['powershell', ...createPowerShellArgs(script)].join(' ');
}

/**
 * Runs argv on the host. Interactive commands get a terminal (`-tt`) and the operator's keystrokes; the
 * remote side is then stopped by the terminal's hang-up when the client goes. Other commands on a POSIX
 * host run under the watchdog (posix-watchdog.ts); on Windows, OpenSSH ends a session's processes itself.
 */
export async function execOverSsh(
  settings: SshSettings,
  argv: readonly string[],
  options: ExecOptions,
): Promise<ExecResult> {
  const interactive = options.interactive === true;
  const remote = createRemoteCommand(settings.shell, argv, interactive, options.stdin);
  if ('error' in remote) return failedResult(`cannot run this on ${settings.address}: ${remote.error}`);
  const result = await runProcess(
    settings.program ?? 'ssh',
    createSshArgs(settings, remote.line, interactive),
    {
      ...options,
      groupOnly: true,
      ...(remote.watched ? { keepStdinOpen: true } : {}),
    },
  );
  return explainSshFailure(settings, result);
}

type RemoteCommand = { line: string; watched: boolean } | { error: string };

function createRemoteCommand(
  shell: SshSettings['shell'],
  argv: readonly string[],
  interactive: boolean,
  stdin: string | undefined,
): RemoteCommand {
  if (shell === 'posix') {
    if (interactive) return { line: quotePosix(argv), watched: false };
    return { line: createWatchedCommand(argv, Buffer.byteLength(stdin ?? '')), watched: true };
  }
  if (shell === 'cmd') {
    const quoted = quoteCmd(argv);
    return 'error' in quoted ? quoted : { line: quoted.line, watched: false };
  }
  const unsafe = findUnsafeNativeArgument(argv);
  if (unsafe) return { error: `${unsafe}, which Windows PowerShell does not pass on intact` };
  return { line: powershellLine(createNativeScript(argv)), watched: false };
}

/** What the ssh client itself prints when it cannot connect, authenticate or open a session. */
const SSH_CLIENT_FAILURE =
  /^(ssh: |Permission denied|Host key verification failed|kex_exchange_identification|Connection (closed|reset|timed out)|Received disconnect|Unable to negotiate|Bad owner|Load key|channel \d+: open failed|mux_client|Control socket)/m;

/**
 * ssh exits 255 when it could not connect or authenticate: say so, with ssh's own words. A remote command
 * may exit 255 too (the lab does for a powered-off server); that stays the command's result.
 */
function explainSshFailure(settings: SshSettings, raw: ExecResult): ExecResult {
  // A PowerShell remote shell writes its errors as CLIXML: shown and matched as text.
  const result = { ...raw, stderr: decodeClixml(raw.stderr) };
  if (result.exitCode !== 255 || result.timedOut || result.canceled || result.error) return result;
  const said = result.stderr.trim().split('\n').at(-1) ?? '';
  if (settings.jump && /CreateProcessW failed|posix_spawn: No such file/.test(result.stderr))
    return { ...result, error: jumpUnsupported(settings) };
  if (!SSH_CLIENT_FAILURE.test(result.stderr)) return result;
  return {
    ...result,
    error: `ssh to ${formatSshTarget(settings)} failed: ${said}. Check the address, port, user, key and known_hosts entry of this host.`,
  };
}

/**
 * OpenSSH for Windows 7.7 (built into Windows Server 2019 and Windows 10 1809) starts the -J connection
 * as `ssh` without .exe and fails (PowerShell/Win32-OpenSSH#1172, fixed in 8.1): say so, and what to do.
 */
function jumpUnsupported(settings: SshSettings): string {
  return `ssh to ${formatSshTarget(settings)} through ${settings.jump} failed: this ssh client cannot start the jump connection (CreateProcessW failed), a bug of the OpenSSH 7.7 built into Windows Server 2019 fixed in 8.1. Install a newer OpenSSH client, or drop jump: and add to ~/.ssh/config for this host: ProxyCommand C:\\Windows\\System32\\OpenSSH\\ssh.exe -W %h:%p ${settings.jump}`;
}

async function probeOverSsh(
  settings: SshSettings,
  host: string,
  probe: Probe,
  options: { signal?: AbortSignal },
): Promise<ProbeResult> {
  const timing = { timeoutMs: 60_000, ...(options.signal ? { signal: options.signal } : {}) };
  if (settings.shell !== 'posix') {
    const script = createLocalScript(createProbeCall(probe));
    return readProbeFacts(probe, host, await runScript(settings, script, timing));
  }
  const argv = createPosixProbeArgv(probe);
  if (!argv)
    return { ok: false, observed: `${probe.kind} checks are not available on ${host}, a POSIX host` };
  return readProbeFacts(probe, host, await execOverSsh(settings, argv, timing));
}

async function writeOverSsh(
  settings: SshSettings,
  path: string,
  content: string,
  options: { signal?: AbortSignal },
): Promise<ExecResult> {
  const timing = { timeoutMs: 60_000, stdin: content, ...(options.signal ? { signal: options.signal } : {}) };
  if (settings.shell === 'posix') return execOverSsh(settings, createPosixWriteArgv(path), timing);
  return runScript(settings, createLocalScript(createWriteCall(path)), timing);
}

/** A PowerShell script on a Windows host (powershell or cmd shell): the script itself is the remote command. */
async function runScript(settings: SshSettings, script: string, options: ExecOptions): Promise<ExecResult> {
  const args = createSshArgs(settings, powershellLine(script), false);
  return explainSshFailure(
    settings,
    await runProcess(settings.program ?? 'ssh', args, { ...options, groupOnly: true }),
  );
}
