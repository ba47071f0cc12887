import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/pty.js';
import { KEY, spawnPty } from '../support/pty.js';
import { CLI, makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';
import { APPROVER, ensureApproverAccount, runCliAs, SECOND_APPROVER } from '../support/second-account.js';
import { startWaitingRun } from '../support/two-person-run.js';

describe('the two-person rule (policy.approvals.destructive: 2)', () => {
  beforeAll(() => {
    ensureApproverAccount();
  });

  it('refuses approval by the account that runs the step, and journals nothing for it; a closed state folder is named', async () => {
    const run = await startWaitingRun();
    try {
      const self = runCli(['approve', run.runId, '--state-dir', run.stateDir, '--yes']);
      expect(self.status).toBe(1);
      expect(self.stderr.trim().split('\n')).toHaveLength(1);
      expect(self.stderr).toContain('self-approval refused');
      expect(readRunEvents(run.stateDir).filter((e) => e.type === 'approval-decided')).toEqual([]);
      // A state folder the other account cannot pass through: told what is wrong, in one line, exit 2.
      chmodSync(run.stateDir, 0o700);
      const closed = runCliAs(APPROVER, ['approve', run.runId, '--state-dir', run.stateDir, '--yes']);
      chmodSync(run.stateDir, 0o711);
      expect(closed.status).toBe(2);
      expect(closed.stderr).toMatch(
        /^sso-failover: cannot read .* \(EACCES\): your account cannot reach the operator's state folder\./,
      );
      expect(closed.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
    }
  });

  it('is approved by another OS account: the run goes on and journals who approved', async () => {
    const run = await startWaitingRun();
    const approved = runCliAs(APPROVER, ['approve', run.runId, '--state-dir', run.stateDir, '--yes']);
    expect(approved.stderr).toBe('');
    expect(approved.status).toBe(0);
    // The approver saw the step, host and exact command before the decision was dropped.
    expect(approved.stdout).toContain('Step:    replace-marker');
    expect(approved.stdout).toContain('Host:    localhost');
    expect(approved.stdout).toMatch(/Command: .*writeFileSync/);
    expect(await run.exit).toBe(0);
    const events = readRunEvents(run.stateDir);
    const decided = events.find((e) => e.type === 'approval-decided');
    expect(decided).toMatchObject({ stepId: 'replace-marker', approved: true, by: APPROVER });
    // Approved before the action ran, and journaled in the hash chain.
    const types = events.map((e) => e.type);
    expect(types.indexOf('approval-decided')).toBeLessThan(types.indexOf('action-started'));
    expect(runCli(['journal', 'verify', run.runId, '--state-dir', run.stateDir]).status).toBe(0);
    const report = readFileSync(join(run.stateDir, 'runs', run.runId, 'report.md'), 'utf8');
    expect(report).toContain(`✓ Approved by ${APPROVER} (account;`);
    const html = readFileSync(join(run.stateDir, 'runs', run.runId, 'report.html'), 'utf8');
    expect(html).toContain('✓ Approved');
  });

  it('asks the approver in a terminal, No by default: Enter records nothing, y approves', async () => {
    const run = await startWaitingRun();
    const approveInTerminal = () =>
      spawnPty(
        'runuser',
        ['-u', APPROVER, '--', process.execPath, CLI, 'approve', run.runId, '--state-dir', run.stateDir],
        { env: { HOME: '/tmp' } },
      );
    const first = approveInTerminal();
    await first.waitFor('Command: ');
    await first.waitFor('Approve this on localhost? (y/N)');
    first.write(KEY.enter);
    await first.waitFor('Nothing recorded. To deny it, run:');
    expect((await first.exited).exitCode).toBe(1);
    const second = approveInTerminal();
    await second.waitFor('Approve this on localhost? (y/N)');
    second.write(`y${KEY.enter}`);
    await second.waitFor(`Approved as ${APPROVER}`);
    expect((await second.exited).exitCode).toBe(0);
    expect(await run.exit).toBe(0);
  });

  it('takes two different accounts under destructive: 3; the same account approving twice counts once', async () => {
    ensureApproverAccount(SECOND_APPROVER);
    const run = await startWaitingRun('confirm: all\n', 3);
    const args = ['approve', run.runId, '--state-dir', run.stateDir, '--yes'];
    expect(runCliAs(APPROVER, args).status).toBe(0);
    const again = runCliAs(APPROVER, args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('you already decided on this request');
    expect(readRunEvents(run.stateDir).some((e) => e.type === 'action-started')).toBe(false);
    expect(runCliAs(SECOND_APPROVER, args).status).toBe(0);
    expect(await run.exit).toBe(0);
    const by = readRunEvents(run.stateDir)
      .filter((e) => e.type === 'approval-decided')
      .map((e) => e.by)
      .sort();
    expect(by).toEqual([APPROVER, SECOND_APPROVER]);
  });

  it('stops at the failure menu when the other account denies, with its reason', async () => {
    const run = await startWaitingRun('confirm: all\nsteps:\n  replace-marker: { onFailure: [abort] }\n');
    const denied = runCliAs(APPROVER, [
      'approve',
      run.runId,
      '--state-dir',
      run.stateDir,
      '--deny',
      '--reason',
      'not during month-end',
    ]);
    expect(denied.status).toBe(0);
    expect(await run.exit).toBe(1);
    const events = readRunEvents(run.stateDir);
    expect(events.find((e) => e.type === 'approval-decided')).toMatchObject({
      approved: false,
      by: APPROVER,
      reason: 'not during month-end',
    });
    expect(events.some((e) => e.type === 'action-started')).toBe(false);
    expect(existsSync(join(run.stateDir, 'runs', run.runId))).toBe(true);
  });

  it('leaves lines for the approver under each destructive step of the checklist export, and plan says so', () => {
    const dir = makeTempDir('sso-approve-export-');
    const env = join(dir, 'env.yaml');
    writeFileSync(
      env,
      'name: two-person\nhosts:\n  localhost: { roles: [local], transport: { type: local } }\nvars: { workDir: /tmp }\npolicy:\n  approvals: { destructive: 3 }\n',
    );
    const runbook = join(import.meta.dirname, '../fixtures/two-person.yaml');
    const md = runCli(['export', runbook, '--env', env, '--format', 'md']);
    expect(md.status).toBe(0);
    const destructive = md.stdout.slice(md.stdout.indexOf('Replace the marker'));
    expect(destructive.match(/- ☐ Approved by: _+ at: _+/g)).toHaveLength(2);
    // Not under the step that changes nothing.
    expect(md.stdout.slice(0, md.stdout.indexOf('Replace the marker'))).not.toContain('Approved by');
    const html = runCli(['export', runbook, '--env', env, '--format', 'html']);
    expect(html.stdout.match(/Approved by <span class="fill">/g)).toHaveLength(2);
    // plan says the same, on screen and as data.
    const plan = runCli(['plan', runbook, '--env', env]);
    expect(plan.stdout).toContain('   waits for approval by 2 other people (policy.approvals;');
    expect(plan.stdout.match(/waits for approval/g)).toHaveLength(1);
    const json = JSON.parse(runCli(['plan', runbook, '--env', env, '--json']).stdout) as {
      steps: { id: string; approvals?: number }[];
    };
    expect(json.steps.map((step) => step.approvals)).toEqual([undefined, 2]);
  });

  it('does not take an approval of a request that was edited after the run wrote it', async () => {
    const run = await startWaitingRun();
    try {
      const folder = join(run.stateDir, 'approvals', run.runId);
      const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.request.json'))!);
      // The operator's account owns the request: it could show the approver a harmless command.
      const request = JSON.parse(readFileSync(file, 'utf8')) as { command: string };
      writeFileSync(file, JSON.stringify({ ...request, command: 'echo harmless\u001b[2K' }));
      const approved = runCliAs(APPROVER, ['approve', run.runId, '--state-dir', run.stateDir, '--yes']);
      expect(approved.status).toBe(0);
      // What the approver saw, escapes made visible.
      expect(approved.stdout).toContain('Command: echo harmless\\x1b[2K');
      await waitUntil(() =>
        run.output().includes('a decision on a request that was changed after the run wrote it')
          ? true
          : undefined,
      );
      expect(readRunEvents(run.stateDir).some((e) => e.type === 'approval-decided')).toBe(false);
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
    }
  });

  it("ignores a decision file the operator's own account drops in the folder", async () => {
    const run = await startWaitingRun();
    try {
      const folder = join(run.stateDir, 'approvals', run.runId);
      const request = readdirSync(folder).find((name) => name.endsWith('.request.json'))!;
      const requestId = request.slice(0, -'.request.json'.length);
      writeFileSync(
        join(folder, 'decisions', `${requestId}.4242.json`),
        JSON.stringify({ requestId, approved: true, user: APPROVER }),
      );
      chmodSync(join(folder, 'decisions', `${requestId}.4242.json`), 0o644);
      await waitUntil(() =>
        run.output().includes("Ignored a decision by the operator's own account") ? true : undefined,
      );
      expect(readRunEvents(run.stateDir).some((e) => e.type === 'approval-decided')).toBe(false);
    } finally {
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(130);
    }
    // Ctrl+C while waiting leaves a run that can be resumed.
    expect(runCli(['runs', '--state-dir', run.stateDir, '--json']).stdout).toContain(run.runId);
  });
});
