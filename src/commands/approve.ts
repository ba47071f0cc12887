import { hostname, userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError, OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { accountName } from '../journal/account-name.js';
import {
  approvalsFolder,
  dropDecision,
  findPendingRequest,
  type StoredRequest,
} from '../journal/approvals-folder.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createRedactor } from '../operator/redact.js';
import { cliCommandLine } from '../session/cli-invocation.js';
import { verifyInteractiveTerminal } from './run.js';

export type ApproveOptions = { stateDir?: string; deny?: boolean; reason?: string; yes?: boolean };

/**
 * A second person's decision on the action a run waits for (the two-person rule): shows the step, host and
 * exact command, refuses the run's own operator account, and drops the decision for the run to journal.
 */
export async function approveCommand(runId: string, options: ApproveOptions): Promise<number> {
  if (typeof process.getuid !== 'function')
    throw new InvalidInputError(
      'approvals are told apart by file ownership, which this tool reads on Linux/macOS only; approve from a Linux/macOS machine that reaches the state folder.',
    );
  if (options.deny && !options.reason?.trim())
    throw new InvalidInputError('--deny needs --reason "<why>": the operator and the report show it.');
  const stateDir = resolveStateDir(options.stateDir);
  const folder = approvalsFolder(stateDir, runId);
  const request = readPending(folder, runId, stateDir);
  const me = process.getuid();
  if (me === request.uid)
    throw new OperatorError(
      `self-approval refused: you (${userInfo().username}) are the account that runs ${runId}; another person must approve it from their own account.`,
      ExitCode.failed,
    );
  printRequest(request);
  const approved = !options.deny;
  if (approved && !options.yes) {
    verifyInteractiveTerminal();
    const { createTerminalOperator } = await import('../operator/terminal-operator.js');
    const operator = createTerminalOperator({ redactor: createRedactor() });
    const yes = await operator.confirm({
      stepId: request.stepId,
      message: `Approve this on ${request.host}?`,
      destructive: true,
    });
    if (!yes) {
      process.stdout.write(
        `Nothing recorded. To deny it, run: ${cliCommandLine(['approve', runId, '--state-dir', resolve(stateDir), '--deny', '--reason', '<why>'])}\n`,
      );
      return ExitCode.failed;
    }
  }
  try {
    dropDecision(folder, {
      requestId: request.requestId,
      requestSha256: request.sha256,
      approved,
      ...(options.deny ? { reason: options.reason!.trim() } : {}),
      user: userInfo().username,
      machine: hostname(),
      at: new Date().toISOString(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new OperatorError(
        `you already decided on this request of run ${runId}; a decision cannot be changed.`,
        ExitCode.failed,
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new OperatorError(
        `cannot drop a decision in ${folder}/decisions (${code}): the folder is not open to your account. Ask the operator to check it (see the README, Two-person rule).`,
        ExitCode.failed,
      );
    throw error;
  }
  process.stdout.write(
    `${approved ? 'Approved' : 'Denied'} as ${accountName(me)}: the waiting run reads it within a second and journals it.\n`,
  );
  return ExitCode.ok;
}

function readPending(folder: string, runId: string, stateDir: string): StoredRequest {
  let request: StoredRequest | undefined;
  try {
    request = findPendingRequest(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InvalidInputError(
        `run ${runId} has never asked for approval in ${stateDir}; check the run id and --state-dir (the operator's screen shows both).`,
      );
    if (code === 'EACCES' || code === 'EPERM')
      throw new InvalidInputError(
        `cannot read ${folder} (${code}): your account cannot reach the operator's state folder. Ask them to check its permissions (see the README, Two-person rule).`,
      );
    throw error;
  }
  if (!request)
    throw new InvalidInputError(
      existsSync(folder)
        ? `run ${runId} is not waiting for approval now: its requests were decided or canceled.`
        : `run ${runId} has never asked for approval in ${stateDir}.`,
    );
  return request;
}

function printRequest(request: StoredRequest): void {
  const lines = [
    `Run ${request.runId} asks for approval (requested by ${request.requestedBy} at ${request.requestedAt}):`,
    `  Step:    ${request.stepId} — ${request.title}`,
    `  Host:    ${request.host}`,
    `  Command: ${request.command}`,
    request.needed > 1 ? `  Needs ${request.needed} approvals from different people.` : '',
  ];
  process.stdout.write(`${lines.filter(Boolean).map(showControls).join('\n')}\n`);
}

/**
 * Control characters as visible escapes: the request is another account's file, and terminal escapes in it
 * could hide or redraw the command the approver is about to approve.
 */
export function showControls(text: string): string {
  return text.replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
