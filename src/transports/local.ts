import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { probeLocalFile, probePort } from './local-probes.js';
import { decodeClixml } from './decode-clixml.js';
import { createPowerShellArgs } from './powershell.js';
import { detectProcessPlatform, type ProcessPlatform } from './process-platform.js';
import { createPosixProbeArgv } from './posix-scripts.js';
import { readProbeFacts } from './probe-facts.js';
import { quotePosix, quoteWindows } from './quote.js';
import { failedResult } from './results.js';
import { runProcess } from './run-process.js';
import { createProbeCall } from './windows-probes.js';
import { createLocalScript } from './windows-scripts.js';

/** Runs commands on the machine the assistant runs on (the platform: a test runs Windows' on Linux). */
export function createLocalTransport(platform: ProcessPlatform = detectProcessPlatform()): Transport {
  const windows = platform.os === 'windows';
  return {
    describe: () => 'this computer',
    exec: (_host: string, argv: readonly string[], options: ExecOptions = {}) =>
      runProcess(argv[0]!, argv.slice(1), { ...options, platform }),
    probe: (_host: string, probe: Probe, options = {}) =>
      windows ? probeWithPowerShell(probe, options) : probeLocal(probe, options),
    writeFile: (_host: string, path: string, content: string) => writeAtomically(path, content),
    render: (_host: string, argv: readonly string[]) => (windows ? quoteWindows(argv) : quotePosix(argv)),
  };
}

async function probeLocal(probe: Probe, options: { signal?: AbortSignal }): Promise<ProbeResult> {
  if (probe.kind === 'file') return probeLocalFile(probe);
  if (probe.kind === 'port') return probePort(probe.host, probe.port);
  // Services through the same sh script an ssh POSIX host runs (systemd, else init.d).
  const argv = createPosixProbeArgv(probe);
  if (!argv)
    return {
      ok: false,
      observed: `${probe.kind} checks read the Windows ${probe.kind === 'event' ? 'event log' : 'registry'}; this computer runs ${process.platform}. Use a run: check instead (e.g. journalctl)`,
    };
  const result = await runProcess(argv[0]!, argv.slice(1), {
    timeoutMs: 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return readProbeFacts(probe, hostname(), result);
}

/** On Windows every probe is a PowerShell script block (Get-Service, Get-WinEvent, Test-Path HKLM:\…). */
async function probeWithPowerShell(probe: Probe, options: { signal?: AbortSignal }): Promise<ProbeResult> {
  const script = createLocalScript(createProbeCall(probe));
  const result = await runProcess('powershell.exe', createPowerShellArgs(script), {
    timeoutMs: 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return readProbeFacts(probe, hostname(), { ...result, stderr: decodeClixml(result.stderr) });
}

/** Write to a temporary file, then rename: a crash never leaves half a file behind. */
export async function writeAtomically(path: string, content: string): Promise<ExecResult> {
  const started = Date.now();
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(content);
      // Flushed before the rename, so even a power loss leaves the old file or the whole new one.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    return {
      ok: true,
      exitCode: 0,
      stdout: '',
      stderr: '',
      durationMs: Date.now() - started,
      timedOut: false,
      canceled: false,
    };
  } catch (error) {
    // Never leave the temporary copy behind: it may hold everything the real file would have.
    await rm(temporary, { force: true }).catch(() => undefined);
    return failedResult(`could not write ${path}: ${(error as Error).message}`, Date.now() - started);
  }
}
