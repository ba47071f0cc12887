import { chownSync, linkSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  prepareApprovalsFolder,
  readDecisions,
  writeApprovalRequest,
} from '../../src/journal/approvals-folder.js';
import { createFolderApprover } from '../../src/session/create-folder-approver.js';
import { makeTempDir } from '../support/run-cli.js';

const REQUEST = {
  runId: 'run-1',
  requestId: 'replace-marker.abc',
  stepId: 'replace-marker',
  title: 'Replace the marker',
  host: 'localhost',
  command: 'node -e …',
  requestedBy: 'alice@jump01',
  needed: 1,
  requestedAt: new Date(0).toISOString(),
  uid: 0,
};

describe('the approvals folder', () => {
  it('opens the state folder for passing through only, and the decisions folder for dropping files only', () => {
    const state = makeTempDir('sso-approvals-');
    const folder = prepareApprovalsFolder(state, 'run-1');
    expect(statSync(state).mode & 0o7777).toBe(0o711);
    expect(statSync(folder).mode & 0o7777).toBe(0o755);
    expect(statSync(join(folder, 'decisions')).mode & 0o7777).toBe(0o1733);
  });

  it('refuses a request id that exists already: nobody can plant a request first', () => {
    const folder = prepareApprovalsFolder(makeTempDir('sso-approvals-'), 'run-1');
    writeApprovalRequest(folder, REQUEST);
    expect(() => writeApprovalRequest(folder, REQUEST)).toThrow(/EEXIST/);
  });

  it('refuses an approvals folder another account made (its decisions could be forged)', () => {
    const state = makeTempDir('sso-approvals-');
    mkdirSync(join(state, 'approvals', 'run-1'), { recursive: true });
    chownSync(join(state, 'approvals', 'run-1'), 4242, 4242);
    expect(() => prepareApprovalsFolder(state, 'run-1')).toThrow(/another account made it/);
  });

  it('marks a hard-linked decision as unsound: a link carries someone else’s file and owner in', () => {
    const state = makeTempDir('sso-approvals-');
    const folder = prepareApprovalsFolder(state, 'run-1');
    const elsewhere = join(state, 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify({ requestId: REQUEST.requestId, approved: true }));
    linkSync(elsewhere, join(folder, 'decisions', `${REQUEST.requestId}.4242.json`));
    writeFileSync(
      join(folder, 'decisions', `${REQUEST.requestId}.1.json`),
      JSON.stringify({ requestId: 'another-request', approved: true }),
    );
    const problems = readDecisions(folder, REQUEST.requestId)
      .map((d) => d.problem)
      .sort();
    expect(problems).toEqual(['not a decision on this request', 'not a plain file (a link)']);
  });
});

describe('the two-person rule where file owners cannot be read', () => {
  it('refuses a run under policy.approvals at once, in one line that says what to do', () => {
    expect(() =>
      createFolderApprover({ stateDir: makeTempDir('sso-approvals-'), show: () => {}, uid: undefined }),
    ).toThrow(
      /^this environment's policy\.approvals needs file ownership .* run from a Linux\/macOS jump host or remove policy\.approvals/,
    );
  });
});
