import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunEvents, runCli, runCliKilledAfter } from '../support/run-cli.js';
import { findPostgresBin, startPrimaryAndReplica } from './postgres-cluster.js';

const RUNBOOK = join(import.meta.dirname, '../../runbooks/examples/postgres-promote-replica.yaml');
const bin = findPostgresBin();
// CI installs Debian's postgresql package and sets this, so a missing server fails there instead of skipping.
const required = process.env.SSO_FAILOVER_REQUIRE_POSTGRES === '1';

describe.skipIf(!bin && !required)(
  'example runbook: promote a PostgreSQL streaming replica (real servers on loopback)',
  () => {
    let cluster: Awaited<ReturnType<typeof startPrimaryAndReplica>> | undefined;
    afterAll(() => cluster?.stopAll());

    it('stops when the primary still answers, then after a kill -9 mid-promotion resumes, promotes and proves writes', async () => {
      expect(bin, 'PostgreSQL server binaries (apt-get install -y postgresql)').toBeDefined();
      cluster = await startPrimaryAndReplica(bin!);
      const { dir, primaryPort, replicaPort } = cluster;
      const env = join(dir, 'env.yaml');
      writeFileSync(
        env,
        [
          'name: postgres-loopback-test',
          'hosts:',
          `  pg-primary: { roles: [postgres, primary], transport: { type: local }, vars: { port: "${primaryPort}" } }`,
          `  pg-replica: { roles: [postgres, replica], transport: { type: local }, vars: { port: "${replicaPort}" } }`,
          'vars:',
          '  pgHost: 127.0.0.1',
          '  pgUser: postgres',
          `  primaryPort: "${primaryPort}"`,
          `  replicaPort: "${replicaPort}"`,
          '',
        ].join('\n'),
      );
      expect(runCli(['lint', RUNBOOK, '--env', env]).status).toBe(0);
      const answers = join(dir, 'answers.yaml');
      writeFileSync(
        answers,
        [
          'inputs: { keepTestTable: no }',
          'confirm: all',
          'steps:',
          '  confirm-primary-down: { onFailure: [abort] }',
          '  repoint-clients: { manual: done }',
          // after the kill -9 the lock is stale, and the promotion in doubt: its checks show it did not happen
          '  take-over-stale-lock: { confirm: yes }',
          '  promote-replica: { onFailure: [rerun] }',
          '',
        ].join('\n'),
      );
      const stateDir = join(dir, 'state');

      // 1. The failure path: the primary still answers, so the run refuses to promote and is aborted.
      const first = runCli(['run', RUNBOOK, '--env', env, '--answers', answers, '--state-dir', stateDir]);
      expect(first.status, first.stdout + first.stderr).toBe(1);
      expect(first.stdout).toContain('aborted at step 2 confirm-primary-down');
      expect(first.stdout).toContain(`the primary on port ${primaryPort} does not answer`);

      // 2. The primary dies; the resumed run is killed (SIGKILL) the instant the promotion is journaled.
      cluster.killPrimary();
      const killed = runCliKilledAfter('action-started:promote-replica', 'resume', { answers, stateDir });
      expect(killed.status, killed.stdout + killed.stderr).toBeNull();
      expect(cluster.query(replicaPort, 'select pg_is_in_recovery()')).toBe('t');

      // 3. Resume again: the promotion is in doubt, its check shows it did not happen, it runs again, and the rest follows.
      const resumed = runCli(['resume', '--answers', answers, '--state-dir', stateDir]);
      expect(resumed.status, resumed.stdout + resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain('It may have half-run');
      expect(cluster.query(replicaPort, 'select pg_is_in_recovery()')).toBe('f');
      expect(cluster.query(replicaPort, "select to_regclass('failover_check') is null")).toBe('t');

      // The run's last line (the report paths follow it).
      const last = resumed.stdout.split('\n').findLast((line) => line.includes('Run '))!;
      expect(last).toContain('finished in');
      expect(last).toContain('succeeded');
      const events = readRunEvents(stateDir);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'step-failed', stepId: 'confirm-primary-down' }),
      );
      expect(
        events.filter((e) => e.type === 'action-started' && e.stepId === 'promote-replica' && !e.rollback),
      ).toHaveLength(2);
      const runId = events.find((e) => e.type === 'run-started')!.runId as string;
      const report = readFileSync(join(stateDir, 'runs', runId, 'report.md'), 'utf8');
      expect(report).toContain('✗ Failed (pre)');
      expect(report).toContain('Promote the replica on port');
    }, 180_000);
  },
);
