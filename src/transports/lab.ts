import { fileURLToPath } from 'node:url';
import type { ExecOptions, ExecResult, Probe, ProbeResult, Transport } from '../engine/ports.js';
import { isBundled } from '../package-info.js';
import { quoteWindows } from './quote.js';
import { runProcess } from './run-process.js';

/**
 * What the process runner starts: the lab's own entry point (dist/lab-tool.js), which loads the lab and
 * none of the product's CLI. The single-file bundle has no separate entry, so there it is the bundle's
 * own `lab` command.
 */
function labToolCommand(): string[] {
  if (isBundled()) return [process.argv[1] ?? ''];
  // In dist/'s bundle (scripts/build.mjs) this module sits in a chunk beside lab-tool.js, not in transports/.
  const beside = typeof __SSO_FAILOVER_CHUNKED__ === 'boolean' ? './lab-tool.js' : '../lab-tool.js';
  return [fileURLToPath(new URL(beside, import.meta.url))];
}

declare const __SSO_FAILOVER_CHUNKED__: boolean | undefined;

/** How lab commands are carried out: as real processes (the default), or in this process (fast drills). */
export type LabRunner = {
  exec(host: string, argv: readonly string[], options: ExecOptions): Promise<ExecResult>;
  probe(host: string, probe: Probe, options: { signal?: AbortSignal }): Promise<ProbeResult>;
  write(host: string, path: string, content: string, options: { signal?: AbortSignal }): Promise<ExecResult>;
};

/**
 * The simulated ENTSSO deployment, reached the way a remote host is. By default every command is a
 * separate process (the lab's entry point, `lab-tool.js exec`) that opens the lab folder, acts, and exits.
 */
export function createLabTransport(
  labDir: string,
  runner: LabRunner = createProcessLabRunner(labDir),
): Transport {
  return {
    describe: (host) => `lab server ${host}`,
    exec: async (host, argv, options = {}) => explainUnreachable(await runner.exec(host, argv, options)),
    probe: (host, probe, options = {}) => runner.probe(host, probe, options),
    writeFile: (host, path, content, options = {}) => runner.write(host, path, content, options),
    render: (_host, argv) => quoteWindows(argv),
  };
}

export function createProcessLabRunner(labDir: string): LabRunner {
  return createLabRunner(labDir, (args, options) =>
    runProcess(process.execPath, [...labToolCommand(), ...args], options),
  );
}

/** Starts `sso-failover <args>` somewhere: as a process here, or over ssh on the host that holds the lab. */
export type LabCarrier = (args: readonly string[], options: ExecOptions) => Promise<ExecResult>;

/** Lab commands, probes and writes as `sso-failover lab exec|probe|write` calls, carried by `carry`. */
export function createLabRunner(labDir: string, carry: LabCarrier): LabRunner {
  const lab = (sub: string, host: string, extra: readonly string[], options: ExecOptions = {}) =>
    carry(['lab', sub, '--dir', labDir, '--host', host, ...extra], options);
  return {
    exec: (host, argv, options) => lab('exec', host, ['--', ...argv], options),
    probe: async (host, probe, options) =>
      parseProbe(
        await lab('probe', host, [], {
          stdin: JSON.stringify(probe),
          timeoutMs: 60_000,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
        probe,
      ),
    write: (host, path, content, options) =>
      lab('write', host, ['--path', path], {
        stdin: content,
        timeoutMs: 60_000,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
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

/** How the lab says a server does not answer (exit 255, as ssh uses for a failed connection). */
const UNREACHABLE = /^lab: host (\S+) is unreachable \((.+)\)\s*$/m;

/**
 * A powered-off lab server is a host the command never reached, as ssh and WinRM report theirs: said in
 * words ("SSO01 is unreachable (powered off): the command did not run"), not as exit code 255.
 */
function explainUnreachable(result: ExecResult): ExecResult {
  if (result.exitCode !== 255 || result.error) return result;
  const said = UNREACHABLE.exec(result.stderr);
  if (!said) return result;
  return { ...result, error: `${said[1]} is unreachable (${said[2]}): the command did not run` };
}
