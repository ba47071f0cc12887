import { describe, expect, it } from 'vitest';
import { toNotification } from '../../src/notify/notification.js';

const facts = () => ({
  runId: 'run-1',
  title: 'Designate',
  drill: false,
  steps: new Map([['restore', 'Restore the secret']]),
});
const at = '2026-12-01T14:02:00.000Z';

describe('notifications of the two-person rule and hand-offs', () => {
  it('tells the chat that an approval is needed, where and how to give it', () => {
    const n = toNotification(
      {
        type: 'approval-requested',
        stepId: 'restore',
        requestId: 'restore.x',
        host: 'BTS01',
        command: 'ssoconfig -restoreSecret C:\\b.bak',
        requestedBy: 'alice@jump01',
        needed: 1,
        at,
      },
      facts(),
    );
    expect(n).toMatchObject({ kind: 'waiting', title: 'Approval needed: Restore the secret' });
    expect(n?.text).toContain(
      'alice@jump01 waits for a second person to approve, on BTS01: ssoconfig -restoreSecret',
    );
    expect(n?.text).toContain('sso-failover approve run-1');
  });

  it('says who denied, and why; and who handed the run to whom', () => {
    expect(
      toNotification(
        {
          type: 'approval-decided',
          stepId: 'restore',
          requestId: 'restore.x',
          approved: false,
          by: 'bob',
          reason: 'wait for the DBA',
          at,
        },
        facts(),
      ),
    ).toMatchObject({ level: 'bad', title: 'Denied: Restore the secret', text: 'By bob: wait for the DBA.' });
    expect(
      toNotification(
        { type: 'run-handed-over', runId: 'run-1', from: 'alice@jump01', to: 'bob@jump02', at },
        facts(),
      )?.text,
    ).toBe('Run run-1 handed over from alice@jump01 to bob@jump02.');
  });
});
