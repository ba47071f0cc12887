import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ApprovalRequest } from '../engine/ports.js';

/**
 * The two-person rule's transport: a folder in the state folder that other accounts can reach but not
 * forge. Layout, per run:
 *
 *   <state>/approvals/<run-id>/             0755, the operator's: requests, readable by approvers
 *     <request-id>.request.json             0644, the operator's
 *     <request-id>.closed                   0644, the operator's: the run stopped waiting for this request
 *     decisions/                            01733: anyone may drop a file, nobody else may list, replace or
 *       <request-id>.<uid>.json             delete it — and the file's OWNER (which an unprivileged account
 *                                           cannot set to anyone but itself) says who decided
 *
 * The state folder itself becomes 0711 (others may pass through, not list; runs/ stays 0700).
 */
export const APPROVALS_DIR = 'approvals';
export const DECISIONS_DIR = 'decisions';

export type StoredRequest = ApprovalRequest & {
  requestedAt: string;
  uid: number;
  /** sha256 of the request file as written: a decision names it, so an edited request is never approved */
  sha256: string;
};

export type DroppedDecision = {
  requestId: string;
  /** the sha256 of the request file the approver read */
  requestSha256?: string;
  approved: boolean;
  reason?: string;
  /** who the approver says they are; the run trusts the file's owner instead */
  user?: string;
  machine?: string;
  at?: string;
};

export function approvalsFolder(stateDir: string, runId: string): string {
  return join(stateDir, APPROVALS_DIR, runId);
}

/** Create (or check) the run's approvals folder with the modes above; refuse one owned by someone else. */
export function prepareApprovalsFolder(stateDir: string, runId: string): string {
  const uid = process.getuid!();
  const base = join(stateDir, APPROVALS_DIR);
  const folder = approvalsFolder(stateDir, runId);
  const decisions = join(folder, DECISIONS_DIR);
  ensureFolder(stateDir, 0o711, uid);
  ensureFolder(base, 0o711, uid);
  ensureFolder(folder, 0o755, uid);
  ensureFolder(decisions, 0o1733, uid);
  return folder;
}

function ensureFolder(folder: string, mode: number, uid: number): void {
  mkdirSync(folder, { recursive: true });
  const stat = lstatSync(folder);
  if (!stat.isDirectory() || stat.uid !== uid)
    throw new Error(
      `${folder} is not a folder of this account (a link, or another account made it): approvals through it could be forged. Remove it and run again.`,
    );
  // mkdir is subject to the umask (0077 here): the mode others need is set explicitly.
  chmodSync(folder, mode);
}

/**
 * Write a request other accounts can read; fails if one by that id exists (nobody can plant one first).
 * Returns the sha256 of what was written, which a decision must name.
 */
export function writeApprovalRequest(folder: string, request: Omit<StoredRequest, 'sha256'>): string {
  const text = `${JSON.stringify(request, null, 2)}\n`;
  writeShared(join(folder, `${request.requestId}.request.json`), text);
  return sha256(text);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Mark a request as no longer waited for, with what became of it. */
export function closeApprovalRequest(folder: string, requestId: string, outcome: string): void {
  try {
    writeShared(join(folder, `${requestId}.closed`), `${outcome}\n`);
  } catch {
    // already closed
  }
}

/** The newest request still waited for, made by the folder's owner (nobody else can write there). */
export function findPendingRequest(folder: string): StoredRequest | undefined {
  const owner = lstatSync(folder).uid;
  const names = readdirSync(folder);
  const pending = names
    .filter((name) => name.endsWith('.request.json'))
    .map((name) => name.slice(0, -'.request.json'.length))
    .filter((id) => !names.includes(`${id}.closed`));
  const requests = pending.flatMap((id) => {
    const file = join(folder, `${id}.request.json`);
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.uid !== owner) return [];
    const text = readFileSync(file, 'utf8');
    return [{ ...(JSON.parse(text) as StoredRequest), uid: stat.uid, sha256: sha256(text) }];
  });
  return requests.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).at(-1);
}

/** Drop a decision: readable by the run (another account), created new, never through a link. */
export function dropDecision(folder: string, decision: DroppedDecision): string {
  const file = join(folder, DECISIONS_DIR, `${decision.requestId}.${process.getuid!()}.json`);
  writeShared(file, `${JSON.stringify(decision)}\n`);
  return file;
}

/** A decision file as the run sees it: its owner's uid (the proof), what it says, and whether it is sound. */
export type ReadDecision = { file: string; uid: number; decision?: DroppedDecision; problem?: string };

/** The decisions dropped for one request, each with its owner; unsound files carry a problem instead. */
export function readDecisions(folder: string, requestId: string, requestSha256?: string): ReadDecision[] {
  const decisions = join(folder, DECISIONS_DIR);
  return readdirSync(decisions)
    .filter((name) => name.startsWith(`${requestId}.`) && name.endsWith('.json'))
    .map((name) => readDecision(join(decisions, name), requestId, requestSha256));
}

function readDecision(file: string, requestId: string, requestSha256?: string): ReadDecision {
  const stat = lstatSync(file);
  // A hard link would carry someone else's file (and owner) into the folder; a link could point anywhere.
  if (!stat.isFile() || stat.nlink !== 1)
    return { file, uid: stat.uid, problem: 'not a plain file (a link)' };
  try {
    const decision = JSON.parse(readFileSync(file, 'utf8')) as DroppedDecision;
    if (decision.requestId !== requestId || typeof decision.approved !== 'boolean')
      return { file, uid: stat.uid, problem: 'not a decision on this request' };
    // The approver saw a request that is not the one the run wrote (the file was edited after it).
    if (requestSha256 !== undefined && decision.requestSha256 !== requestSha256)
      return {
        file,
        uid: stat.uid,
        problem: 'a decision on a request that was changed after the run wrote it',
      };
    return { file, uid: stat.uid, decision };
  } catch {
    // Still being written, or not JSON: read again on the next poll.
    return { file, uid: stat.uid, problem: 'unreadable' };
  }
}

function writeShared(file: string, text: string): void {
  const fd = openSync(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    0o644,
  );
  try {
    fchmodSync(fd, 0o644);
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
}
