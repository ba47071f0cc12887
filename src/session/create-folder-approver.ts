import { setTimeout as sleep } from 'node:timers/promises';
import type { ApprovalDecision, Approver, OperatorMessage } from '../engine/ports.js';
import { CanceledError, InvalidInputError } from '../errors.js';
import { accountName } from '../journal/account-name.js';
import {
  closeApprovalRequest,
  prepareApprovalsFolder,
  readDecisions,
  writeApprovalRequest,
} from '../journal/approvals-folder.js';
import { resolve } from 'node:path';
import { cliCommandLine } from './cli-invocation.js';

/**
 * The two-person rule through the state folder: the run writes a request, shows who may approve it and
 * how, and waits for decision files dropped by other accounts. Only a file's owner counts as its author:
 * a decision by the operator's own account is ignored, so nobody approves their own action.
 */
export function createFolderApprover(options: {
  stateDir: string;
  show: (message: OperatorMessage) => void;
  /** how often the folder is read (ms) */
  pollMs?: number;
  /** this process's user id; undefined where the platform has none (Windows) — a test passes that */
  uid?: number | undefined;
}): Approver {
  const ownUid = 'uid' in options ? options.uid : process.getuid?.();
  if (ownUid === undefined)
    throw new InvalidInputError(
      "this environment's policy.approvals needs file ownership to tell the approver from the operator, which this tool reads on Linux/macOS only; run from a Linux/macOS jump host or remove policy.approvals (see the README, Two-person rule).",
    );
  return {
    async requestApproval(request, signal) {
      const folder = prepareApprovalsFolder(options.stateDir, request.runId);
      const requestedAt = new Date();
      const written = writeApprovalRequest(folder, {
        ...request,
        requestedAt: requestedAt.toISOString(),
        uid: ownUid,
      });
      // Always with --state-dir: the approver's own default state folder is in their home, not the operator's.
      const approve = cliCommandLine(['approve', request.runId, '--state-dir', resolve(options.stateDir)]);
      options.show({
        kind: 'info',
        text: `Waiting for approval since ${requestedAt.toTimeString().slice(0, 5)} (requested from ${request.requestedBy}): ${request.needed === 1 ? 'a second person' : `${request.needed} other people`} must approve this. From another account, run:\n     ${approve}\n   Ctrl+C stops here; the run can be resumed later.`,
      });
      const seen = new Map<number, ApprovalDecision>();
      const ignored = new Set<string>();
      let outcome = 'canceled';
      try {
        for (;;) {
          for (const read of readDecisions(folder, request.requestId, written)) {
            if (seen.has(read.uid) || ignored.has(read.file) || read.problem === 'unreadable') continue;
            if (read.uid === ownUid || read.problem || !read.decision) {
              ignored.add(read.file);
              options.show({
                kind: 'warning',
                text:
                  read.uid === ownUid
                    ? `Ignored a decision by the operator's own account (${accountName(read.uid)}): the two-person rule needs someone else.`
                    : `Ignored ${read.file}: ${read.problem}.`,
              });
              continue;
            }
            const { approved, reason, machine } = read.decision;
            const decision: ApprovalDecision = {
              approved,
              by: accountName(read.uid),
              ...(reason ? { reason } : {}),
              ...(machine ? { machine } : {}),
            };
            seen.set(read.uid, decision);
            if (!approved || [...seen.values()].length >= request.needed) {
              outcome = approved ? 'approved' : 'denied';
              return [...seen.values()];
            }
          }
          await sleep(options.pollMs ?? 250, undefined, signal ? { signal } : {}).catch(() => undefined);
          if (signal?.aborted) throw new CanceledError('canceled while waiting for approval');
        }
      } finally {
        closeApprovalRequest(folder, request.requestId, outcome);
      }
    },
  };
}
