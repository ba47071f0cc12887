import { fileURLToPath } from 'node:url';
import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { quoteWindows } from './quote.js';
import { runProcess } from './run-process.js';

/** Where `sso-failover lab …` runs: this package's own CLI, as a real process. */
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/**
 * The simulated ENTSSO deployment, reached the way a remote host is: every command is a separate
 * process (`sso-failover lab exec`) that opens the lab folder, acts, and exits.
 */
export function createLabTransport(labDir: string): Transport {
  const lab = (sub: string, host: string, extra: readonly string[], options: ExecOptions = {}) =>
    runProcess(process.execPath, [CLI, 'lab', sub, '--dir', labDir, '--host', host, ...extra], options);
  return {
    describe: (host) => `lab server ${host}`,
    exec: (host, argv, options) => lab('exec', host, ['--', ...argv], options),
    probe: async (host, probe, options) =>
      parseProbe(
        await lab('probe', host, [], {
          stdin: JSON.stringify(probe),
          signal: options?.signal,
          timeoutMs: 60_000,
        }),
        probe,
      ),
    writeFile: (host, path, content, options) =>
      lab('write', host, ['--path', path], { stdin: content, signal: options?.signal, timeoutMs: 60_000 }),
    render: (_host, argv) => quoteWindows(argv),
  };
}

function parseProbe(result: ExecResult, probe: Probe): ProbeResult {
  if (result.exitCode === 0) {
    try {
      return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as ProbeResult;
    } catch {
      // fall through: report what the lab printed
    }
  }
  const why = result.error ?? (result.stderr.trim() || `exit code ${result.exitCode}`);
  return { ok: false, observed: `could not check ${probe.kind}: ${why}` };
}
