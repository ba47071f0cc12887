import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatMessage, reflow } from '../../src/operator/format-message.js';

const plain = new Chalk({ level: 0 });

describe('messages on the terminal', () => {
  it('joins runbook lines wrapped mid-sentence, so the terminal wraps them at its own width', () => {
    const text =
      'Pick a surviving SSO server (ENTSSO running, joined to SSODB on SQL01). Any SSO server of the\ngroup may be promoted.\nRESTARTING ENTSSO NOW THROWS THE CACHE AWAY.\nNever run it: data encrypted with the lost secret can only be\nread with the restored one.';
    expect(reflow(text).split('\n')).toEqual([
      'Pick a surviving SSO server (ENTSSO running, joined to SSODB on SQL01). Any SSO server of the group may be promoted.',
      'RESTARTING ENTSSO NOW THROWS THE CACHE AWAY.',
      'Never run it: data encrypted with the lost secret can only be read with the restored one.',
    ]);
  });

  it('keeps list items and indented lines (commands) on their own lines', () => {
    expect(reflow('Do these\n- stop ENTSSO\n- start it\nthen run\n    net start entsso')).toBe(
      'Do these\n- stop ENTSSO\n- start it\nthen run\n    net start entsso',
    );
  });

  it('shows a numbered header with the server of a per-server step', () => {
    const header = formatMessage(
      {
        kind: 'header',
        runbook: 'Designate',
        step: 16,
        total: 26,
        title: 'Point the SSO tools of BTS02 at a live server',
        elapsedMs: 0,
        instance: { host: 'BTS02', position: 2, count: 3 },
      },
      plain,
    );
    expect(header).toContain(
      '── Step 16 of 26 · BTS02, 2 of 3 servers: Point the SSO tools of BTS02 at a live server',
    );
  });
});
