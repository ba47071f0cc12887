import { join } from 'node:path';
import type { EngineEvent, EventBody } from '../../src/engine/events.js';
import { openJournal } from '../../src/journal/journal.js';
import { createRedactor } from '../../src/operator/redact.js';
import { makeTempDir } from '../support/run-cli.js';

/** The backup password of the crafted run: it must never appear in a report. */
export const PASSWORD = 'Tr0ub4dor&3-Drill!';
export const RUN_ID = '20261127-100000-crafted-run-0001';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const LONG_OUTPUT = Array.from({ length: 20 }, (_, i) => `line ${i + 1} of the listing\r\n`).join('');

/** Seconds after T0 → event; the events a real run of a small runbook would journal. */
const SCRIPT: [number, EventBody][] = [
  [
    0,
    {
      type: 'run-started',
      runId: RUN_ID,
      runbook: {
        id: 'crafted',
        title: 'Crafted failover',
        file: '/nowhere/crafted.yaml',
        sha256: 'a'.repeat(64),
        stepIds: [
          'check-server',
          'restore-secret',
          'restart-service',
          'optional-cleanup',
          'verify',
          'backup',
        ],
      },
      environment: 'staging',
      drill: false,
      operator: 'alice@JUMP01',
      rtoMs: 1_800_000,
      clockMs: T0,
    },
  ],
  [
    1,
    {
      type: 'step-started',
      stepId: 'check-server',
      title: 'ENTSSO runs on BTS01',
      index: 1,
      total: 6,
      host: 'BTS01',
      phase: 'Assess',
    },
  ],
  [
    3,
    {
      type: 'check-passed',
      stepId: 'check-server',
      phase: 'pre',
      label: 'ENTSSO is running',
      host: 'BTS01',
      expected: 'ENTSSO running',
      observed: 'ENTSSO on BTS01 is running',
    },
  ],
  [4, { type: 'step-finished', stepId: 'check-server', durationMs: 3000 }],
  [
    5,
    {
      type: 'step-started',
      stepId: 'restore-secret',
      title: 'Restore the master secret on BTS01',
      index: 2,
      total: 6,
      host: 'BTS01',
      phase: 'Restore',
    },
  ],
  [40, { type: 'input-provided', key: 'backupPassword', stepId: 'restore-secret', secret: true }],
  [60, { type: 'confirmation-given', stepId: 'restore-secret', by: 'alice@JUMP01' }],
  [
    61,
    {
      type: 'action-started',
      stepId: 'restore-secret',
      kind: 'run',
      host: 'BTS01',
      command: 'ssoconfig -restoreSecret C:\\SSOBackup\\SSO.bak',
      rollback: false,
      attempt: 1,
      commandIndex: 0,
      clockMs: T0 + 61_000,
    },
  ],
  [
    63,
    {
      type: 'action-finished',
      stepId: 'restore-secret',
      rollback: false,
      ok: false,
      exitCode: 1,
      durationMs: 2000,
      stdout: `Password : ${PASSWORD}\r\nERROR: 0xC0002A1B : An incorrect password was specified for the backup file.\r\n`,
      stderr: '',
      timedOut: false,
      canceled: false,
      attempt: 1,
      commandIndex: 0,
    },
  ],
  [120, { type: 'failure-decided', stepId: 'restore-secret', phase: 'action', choice: 'retry', reason: '' }],
  [150, { type: 'input-provided', key: 'backupPassword', stepId: 'restore-secret', secret: true }],
  [160, { type: 'confirmation-given', stepId: 'restore-secret', by: 'alice@JUMP01' }],
  [
    161,
    {
      type: 'action-started',
      stepId: 'restore-secret',
      kind: 'run',
      host: 'BTS01',
      command: 'ssoconfig -restoreSecret C:\\SSOBackup\\SSO.bak',
      rollback: false,
      attempt: 2,
      commandIndex: 0,
      clockMs: T0 + 161_000,
    },
  ],
  [
    164,
    {
      type: 'action-finished',
      stepId: 'restore-secret',
      rollback: false,
      ok: true,
      exitCode: 0,
      durationMs: 3000,
      stdout: 'The operation completed successfully.\r\n',
      stderr: '',
      timedOut: false,
      canceled: false,
      attempt: 2,
      commandIndex: 0,
    },
  ],
  [
    166,
    {
      type: 'check-passed',
      stepId: 'restore-secret',
      phase: 'post',
      label: 'event 10523 (master secrets restored)',
      host: 'BTS01',
      expected: 'ENTSSO event 10523 logged since the step began',
      observed: 'event 10523 (ENTSSO) on BTS01 at 10:02:44',
    },
  ],
  [167, { type: 'step-finished', stepId: 'restore-secret', durationMs: 162_000 }],
  [
    170,
    {
      type: 'step-started',
      stepId: 'restart-service',
      title: 'Restart ENTSSO on BTS02',
      index: 3,
      total: 6,
      host: 'BTS02',
      phase: 'Refresh',
    },
  ],
  [175, { type: 'confirmation-given', stepId: 'restart-service', by: 'alice@JUMP01' }],
  [
    176,
    {
      type: 'action-started',
      stepId: 'restart-service',
      kind: 'run',
      host: 'BTS02',
      command: 'net stop entsso /y',
      rollback: false,
      attempt: 1,
      commandIndex: 0,
      clockMs: T0 + 176_000,
    },
  ],
  [
    180,
    {
      type: 'action-finished',
      stepId: 'restart-service',
      rollback: false,
      ok: true,
      exitCode: 0,
      durationMs: 4000,
      stdout: LONG_OUTPUT,
      stderr: '',
      timedOut: false,
      canceled: false,
      attempt: 1,
      commandIndex: 0,
    },
  ],
  [
    210,
    {
      type: 'check-failed',
      stepId: 'restart-service',
      phase: 'post',
      label: 'service ENTSSO is running',
      host: 'BTS02',
      expected: 'ENTSSO running',
      observed: 'ENTSSO on BTS02 is stopped',
    },
  ],
  [
    240,
    { type: 'failure-decided', stepId: 'restart-service', phase: 'post', choice: 'rollback', reason: '' },
  ],
  [
    241,
    {
      type: 'action-started',
      stepId: 'restart-service',
      kind: 'run',
      host: 'BTS02',
      command: 'net start entsso',
      rollback: true,
      attempt: 1,
      commandIndex: 0,
      clockMs: T0 + 241_000,
    },
  ],
  [
    245,
    {
      type: 'action-finished',
      stepId: 'restart-service',
      rollback: true,
      ok: true,
      exitCode: 0,
      durationMs: 4000,
      stdout: 'The Enterprise Single Sign-On Service service was started successfully.\r\n',
      stderr: '',
      timedOut: false,
      canceled: false,
      attempt: 1,
      commandIndex: 0,
    },
  ],
  [246, { type: 'step-rolled-back', stepId: 'restart-service' }],
  [
    300,
    {
      type: 'failure-decided',
      stepId: 'restart-service',
      phase: 'rolled-back',
      choice: 'skip',
      reason: 'BTS02 is being rebuilt; refreshed after the outage',
    },
  ],
  [
    300,
    {
      type: 'step-skipped',
      stepId: 'restart-service',
      reason: 'BTS02 is being rebuilt; refreshed after the outage',
      by: 'alice@JUMP01',
    },
  ],
  [301, { type: 'step-not-applicable', stepId: 'optional-cleanup', condition: 'oldMssState == RUNNING' }],
  [
    302,
    {
      type: 'step-started',
      stepId: 'verify',
      title: 'Config store decrypts',
      index: 5,
      total: 6,
      host: 'BTS01',
      phase: 'Verify',
    },
  ],
  [
    303,
    {
      type: 'check-passed',
      stepId: 'verify',
      phase: 'pre',
      label: 'ssomanage -displayapp',
      host: 'BTS01',
      expected: 'exit code 0, output matching /Fields/',
      observed: '"Fields :"',
    },
  ],
  [304, { type: 'variable-captured', stepId: 'verify', name: 'configApp', value: 'BizTalk_Config_Store' }],
  [305, { type: 'step-finished', stepId: 'verify', durationMs: 3000 }],
  [
    306,
    {
      type: 'step-started',
      stepId: 'backup',
      title: 'Back up the master secret',
      index: 6,
      total: 6,
      host: 'BTS01',
      phase: 'Backup',
    },
  ],
  [
    307,
    {
      type: 'action-started',
      stepId: 'backup',
      kind: 'manual',
      host: 'BTS01',
      command: 'Store the backup in the vault',
      rollback: false,
      attempt: 1,
      commandIndex: 0,
      clockMs: T0 + 307_000,
    },
  ],
  [
    400,
    {
      type: 'action-finished',
      stepId: 'backup',
      rollback: false,
      ok: false,
      exitCode: 1,
      durationMs: 0,
      stdout: '',
      stderr: '',
      timedOut: false,
      canceled: false,
      attempt: 1,
      commandIndex: 0,
    },
  ],
  [420, { type: 'failure-decided', stepId: 'backup', phase: 'action', choice: 'abort', reason: '' }],
  [420, { type: 'run-finished', outcome: 'aborted', elapsedMs: 420_000, stepId: 'backup' }],
];

/**
 * Journal the crafted run with the real journal writer (so the hash chain is real), after the same
 * value-based redaction a run applies. Returns the state dir and the run folder.
 */
export function writeCraftedRun(extra: [number, EventBody][] = []): { stateDir: string; runDir: string } {
  const stateDir = makeTempDir('sso-report-');
  const runDir = join(stateDir, 'runs', RUN_ID);
  const redactor = createRedactor();
  redactor.register(PASSWORD);
  const journal = openJournal(runDir);
  for (const [seconds, body] of [...SCRIPT, ...extra])
    journal.append(
      redactor.redactDeep({ ...body, at: new Date(T0 + seconds * 1000).toISOString() } as EngineEvent),
    );
  journal.close();
  return { stateDir, runDir };
}
