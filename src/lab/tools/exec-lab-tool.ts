import { advanceLab } from '../advance-lab.js';
import { logCommand, setCommandExitCode } from '../store/command-log.js';
import { inLabTransaction, type LabDb, withLabDb } from '../store/lab-db.js';
import { LabInputError } from '../lab-input-error.js';
import { readMeta, realMsUntil } from '../store/lab-meta.js';
import type { LabExecResult, LabServer } from '../lab-types.js';
import { requireServer, saveServer } from '../store/server-store.js';
import { LAB_TOOLS, toolBaseName } from './lab-tools.js';
import {
  type AskFn,
  CRLF,
  createToolOutput,
  done,
  type ToolContext,
  type ToolOutcome,
  type ToolOutput,
} from './tool-context.js';

export type LabExecOptions = {
  /** lines answer the tool's prompts in order; a missing line reads as empty (end of input) */
  stdin?: string;
  /** interactive prompting instead of stdin: throw NeedInputSignal to ask a human (see lab exec) */
  ask?: (request: { prompt: string; masked: boolean; index: number; transcript: string }) => string;
};

/** Thrown by an `ask` callback to abandon the attempt (rolled back) and ask a human first. */
export class NeedInputSignal extends Error {
  constructor(
    readonly prompt: string,
    readonly masked: boolean,
    readonly transcript: string,
  ) {
    super('input needed');
  }
}

// net start waits for lab time to pass; never longer than this in real time
const MAX_REAL_WAIT_MS = 15_000;

function sleepRealMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(1, Math.min(ms, MAX_REAL_WAIT_MS)));
}

type Input = { ask: AskFn; readLine: () => string; console: boolean };

function createInput(out: ToolOutput, options: LabExecOptions): Input {
  const lines = options.stdin === undefined ? [] : options.stdin.replace(/\r\n/g, '\n').split('\n');
  let index = 0;
  const next = (prompt: string, masked: boolean) => {
    const answer = options.ask
      ? options.ask({ prompt, masked, index, transcript: out.stdout })
      : (lines[index] ?? '');
    index += 1;
    return answer;
  };
  const ask: AskFn = (prompt, masked) => {
    out.write(prompt);
    const answer = next(prompt, masked);
    // input is not echoed (piped, or masked): the line ends where the operator pressed Enter
    out.write(CRLF);
    return answer;
  };
  return { ask, readLine: () => next('', true), console: options.ask !== undefined };
}

function runStep(
  db: LabDb,
  hostName: string,
  argv: string[],
  out: ToolOutput,
  input: Input,
  step: (ctx: ToolContext) => ToolOutcome,
) {
  const { meta, now } = advanceLab(db);
  const host: LabServer = requireServer(db, hostName);
  const ctx: ToolContext = { db, meta, now, host, args: argv.slice(1), out, ...input };
  const outcome = step(ctx);
  saveServer(db, ctx.host);
  return { outcome, now, host };
}

function firstStep(argv: string[]) {
  const tool = LAB_TOOLS[toolBaseName(argv[0] ?? '')]!;
  return (ctx: ToolContext): ToolOutcome => {
    if (!ctx.host.reachable) {
      ctx.out.errLine(
        `lab: host ${ctx.host.name} is unreachable (${ctx.host.unreachableReason ?? 'no route'})`,
      );
      return done(255);
    }
    if (tool.sso && !ctx.host.entsso) {
      ctx.out.errLine(`'${argv[0]}' is not recognized as an internal or external command,`);
      ctx.out.errLine('operable program or batch file.');
      return done(9009);
    }
    return tool.run(ctx);
  };
}

/** Validates the tool and the host before anything changes. */
export function verifyExecInput(db: LabDb, host: string, argv: readonly string[]): void {
  requireServer(db, host);
  if (!argv[0] || !LAB_TOOLS[toolBaseName(argv[0])]) {
    throw new LabInputError(
      `unknown tool '${argv[0] ?? ''}'. The lab simulates: ${Object.keys(LAB_TOOLS).join(', ')}.`,
    );
  }
}

/** Runs one simulated tool on a lab host, in process. Tool errors are exit codes and output, not exceptions. */
export function execLabTool(
  dir: string,
  host: string,
  argv: readonly string[],
  options: LabExecOptions = {},
): LabExecResult {
  return withLabDb(dir, (db) => {
    verifyExecInput(db, host, argv);
    const args = [...argv];
    const out = createToolOutput();
    const input = createInput(out, options);
    let logId = 0;
    let outcome = inLabTransaction(db, () => {
      const step = runStep(db, host, args, out, input, firstStep(args));
      const exitCode = 'exitCode' in step.outcome ? step.outcome.exitCode : null;
      logId = logCommand(db, { time: step.now, host: step.host.name, kind: 'exec', argv: args, exitCode });
      return step.outcome;
    });
    while (!('exitCode' in outcome)) {
      const { waitUntil, resume } = outcome;
      sleepRealMs(realMsUntil(readMeta(db), waitUntil, Date.now()));
      outcome = inLabTransaction(db, () => {
        const step = runStep(db, host, args, out, input, resume);
        if ('exitCode' in step.outcome) setCommandExitCode(db, logId, step.outcome.exitCode);
        return step.outcome;
      });
    }
    return { exitCode: outcome.exitCode, stdout: out.stdout, stderr: out.stderr };
  });
}
