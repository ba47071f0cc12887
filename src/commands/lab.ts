import { parseApprovals } from './parse-approvals.js';
import type { Probe } from '../engine/ports.js';
import { CanceledError, InvalidInputError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import {
  execLabTool,
  initLab,
  FAULTS,
  LabInputError,
  type LabExecResult,
  NeedInputSignal,
  probeLab,
  readLabStatus,
  resetLab,
  verifyLab,
  writeLabFile,
} from '../lab/index.js';
import { parseTimeScale } from './parse-time-scale.js';
import { formatLabStatus, formatLabVerdict } from '../lab/grading/format-lab-report.js';

type DirOptions = { dir: string };
type HostOptions = DirOptions & { host: string };

/** Lab input errors become the CLI's invalid-input error (exit 2, one line). */
async function asCommand(fn: () => Promise<number> | number): Promise<number> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof LabInputError) throw new InvalidInputError(error.message);
    throw error;
  }
}

/**
 * A lab command on a folder whose files were damaged or removed by hand (a truncated lab.sqlite, a missing
 * initial.sqlite): one line that says so and what to do, not a stack trace from SQLite or a parser.
 */
function asLabFolderCommand(dir: string, fn: () => number): Promise<number> {
  return asCommand(() => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof LabInputError || !(error instanceof Error)) throw error;
      throw new InvalidInputError(
        `the lab in ${dir} is damaged (${error.message.split('\n')[0]}). Create a new one with \`sso-failover lab init --dir <another folder>\`.`,
      );
    }
  });
}

export function labInitCommand(opts: {
  dir: string;
  servers?: string;
  mss?: string;
  fault?: string[];
  timeScale?: string;
  cluster?: boolean;
  clusterNodes?: string;
  approvals?: string;
}): Promise<number> {
  return asCommand(() => {
    const timeScale = parseTimeScale(opts.timeScale ?? '60');
    const servers = opts.servers?.split(',');
    const s = initLab({
      dir: opts.dir,
      servers,
      mss: opts.mss,
      faults: opts.fault ?? [],
      timeScale,
      ...(opts.cluster ? { cluster: true } : {}),
      ...(opts.clusterNodes ? { clusterNodes: opts.clusterNodes.split(',') } : {}),
      ...(opts.approvals ? { approvals: parseApprovals(opts.approvals)! } : {}),
    });
    const lines = [
      `Lab created in ${s.dir}`,
      `  SSO servers : ${s.servers.map((n) => (n === s.mss ? `${n} (MSS)` : n)).join(', ')}`,
      ...(s.cluster
        ? [
            `  Cluster     : group ${s.cluster.group} on nodes ${s.cluster.nodes.join(', ')} (owner ${s.cluster.ownerNode}); SSODB names the network name ${s.cluster.networkName}`,
          ]
        : []),
      `  SQL Server  : ${s.sqlHost} (SSODB)`,
      `  Faults      : ${s.faults.join(', ') || 'none (a healthy deployment)'}`,
      `  Time scale  : ${s.timeScale} lab seconds per real second`,
      `  Backup file : ${s.backupPath} on every SSO server`,
      `  Envelope    : ${s.envelopePath} (backup password and reminder; open it when the runbook asks)`,
      `  Environment : ${s.environmentPath}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return ExitCode.ok;
  });
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Shows the prompt and reads one line from the terminal, which execWithTerminal has put in raw mode
 * (no echo); masked input echoes '*'. Ctrl+C cancels.
 */
function readTtyLine(prompt: string, masked: boolean): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (done: () => void) => {
      stdin.off('data', onData);
      stdin.pause();
      process.stdout.write('\r\n');
      done();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(line));
        if (ch === '\u0003') return finish(() => reject(new CanceledError('canceled at a prompt.')));
        if (ch === '\u007f' || ch === '\b') {
          if (line.length > 0) process.stdout.write('\b \b');
          line = line.slice(0, -1);
        } else {
          line += ch;
          process.stdout.write(masked ? '*' : ch);
        }
      }
    };
    stdin.setEncoding('utf8');
    process.stdout.write(prompt);
    stdin.resume();
    stdin.on('data', onData);
  });
}

const askHuman =
  (answers: string[]) =>
  (request: { prompt: string; masked: boolean; index: number; transcript: string }) => {
    if (request.index < answers.length) return answers[request.index]!;
    throw new NeedInputSignal(request.prompt, request.masked, request.transcript);
  };

/**
 * With a terminal, each prompt is shown and answered (no echo for passwords); the attempt before it is
 * rolled back. The terminal's own echo is off for the whole command, not just while a prompt waits: a
 * password typed ahead, before its prompt appears, must not be echoed by the terminal either.
 */
async function execWithTerminal(opts: HostOptions, argv: string[]): Promise<LabExecResult> {
  process.stdin.setRawMode(true);
  try {
    return await answerPrompts(opts, argv);
  } finally {
    process.stdin.setRawMode(false);
  }
}

async function answerPrompts(opts: HostOptions, argv: string[]): Promise<LabExecResult> {
  const answers: string[] = [];
  let shown = 0;
  for (;;) {
    try {
      const result = execLabTool(opts.dir, opts.host, argv, { ask: askHuman(answers) });
      return { ...result, stdout: result.stdout.slice(shown) };
    } catch (error) {
      if (!(error instanceof NeedInputSignal)) throw error;
      answers.push(await readTtyLine(error.transcript.slice(shown), error.masked));
      // the tool ends the prompt's line itself (CRLF) once it has the answer
      shown = error.transcript.length + 2;
    }
  }
}

/** Without a terminal, stdin is read only if the tool prompts, so a non-prompting tool never waits on an open pipe. */
async function execWithPipe(opts: HostOptions, argv: string[]): Promise<LabExecResult> {
  try {
    return execLabTool(opts.dir, opts.host, argv, { ask: askHuman([]) });
  } catch (error) {
    if (!(error instanceof NeedInputSignal)) throw error;
    return execLabTool(opts.dir, opts.host, argv, { stdin: (await readStdin()).toString('utf8') });
  }
}

export function labExecCommand(argv: string[], opts: HostOptions): Promise<number> {
  return asCommand(async () => {
    const result = process.stdin.isTTY ? await execWithTerminal(opts, argv) : await execWithPipe(opts, argv);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    // POSIX exit codes stop at 255: Windows codes like 9009 or 1060 become 1 (the output says which)
    return result.exitCode > 255 ? 1 : result.exitCode;
  });
}

export function labStatusCommand(opts: DirOptions & { json?: boolean }): Promise<number> {
  return asLabFolderCommand(opts.dir, () => {
    const status = readLabStatus(opts.dir);
    process.stdout.write(opts.json ? `${JSON.stringify(status)}\n` : formatLabStatus(status));
    return ExitCode.ok;
  });
}

export function labVerifyCommand(opts: DirOptions & { json?: boolean }): Promise<number> {
  return asLabFolderCommand(opts.dir, () => {
    const verdict = verifyLab(opts.dir);
    process.stdout.write(opts.json ? `${JSON.stringify(verdict)}\n` : formatLabVerdict(verdict));
    return verdict.passed ? ExitCode.ok : ExitCode.failed;
  });
}

export function labFaultsCommand(): Promise<number> {
  const width = Math.max(...FAULTS.map((fault) => fault.name.length));
  const indent = ' '.repeat(width + 2);
  const lines = FAULTS.map(
    (fault) => `${fault.name.padEnd(width)}  ${fault.description}\n${indent}Symptom: ${fault.symptom}`,
  );
  const alone = (scope: string) =>
    FAULTS.filter((fault) => fault.scope === scope)
      .map((fault) => fault.name)
      .join(', ');
  process.stdout.write(
    `${lines.join('\n')}\nEvery fault implies mss-lost except the live-MSS scenarios (${alone('live-mss')}), the cluster faults (${alone('cluster')}), which imply a clustered MSS instead, and the DR-site faults (${alone('dr-site')}), which imply site-lost instead. The rebuild faults (${alone('rebuild')}) imply server-rebuilt. Combine them with --fault repeated.\n`,
  );
  return Promise.resolve(ExitCode.ok);
}

export function labResetCommand(opts: DirOptions): Promise<number> {
  return asLabFolderCommand(opts.dir, () => {
    resetLab(opts.dir);
    process.stdout.write(
      `Lab in ${opts.dir} is back to its initial state (same servers, faults and backup).\n`,
    );
    return ExitCode.ok;
  });
}

const PROBE_KINDS = ['service', 'file', 'port', 'event', 'registry'];

/** Hidden: reads one Probe as JSON on stdin, prints one ProbeResult JSON line. */
export function labProbeCommand(opts: HostOptions): Promise<number> {
  return asCommand(async () => {
    let probe: Probe;
    try {
      probe = JSON.parse((await readStdin()).toString('utf8')) as Probe;
    } catch {
      throw new InvalidInputError(
        'lab probe reads one probe as JSON on stdin, e.g. {"kind":"service","name":"ENTSSO","state":"running"}.',
      );
    }
    if (!PROBE_KINDS.includes((probe as { kind?: string })?.kind ?? '')) {
      throw new InvalidInputError(`unknown probe kind; use one of ${PROBE_KINDS.join(', ')}.`);
    }
    process.stdout.write(`${JSON.stringify(probeLab(opts.dir, opts.host, probe))}\n`);
    return ExitCode.ok;
  });
}

/** Hidden: writes stdin to a file on a lab host. Prints nothing; exit 1 if the host cannot be reached. */
export function labWriteCommand(opts: HostOptions & { path: string }): Promise<number> {
  return asCommand(async () => {
    const result = writeLabFile(opts.dir, opts.host, opts.path, await readStdin());
    process.stderr.write(result.stderr);
    return result.exitCode === 0 ? ExitCode.ok : ExitCode.failed;
  });
}
