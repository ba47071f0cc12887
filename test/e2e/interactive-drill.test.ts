import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSealedEnvelope } from '../../src/lab/index.js';
import { answerPrompts, designatePrompts } from '../support/drill-prompts.js';
import { spawnCli } from '../support/pty.js';
import { makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';

/**
 * The project's main job as an operator does it: `sso-failover drill` in a real terminal, every answer
 * typed — the candidate chosen from the list, every confirm, the (wrong, then corrected) backup password,
 * the new backup's password twice — until the grade.
 */
describe('interactive drill in a real pseudo-terminal', () => {
  it('is driven to a passing grade by typed answers, and no password ever reaches the screen', async () => {
    const root = makeTempDir('sso-pty-drill-');
    const labDir = join(root, 'lab');
    // Prepared beforehand so the test knows the envelope, as the operator would read it.
    expect(
      runCli(['lab', 'init', '--dir', labDir, '--fault', 'wrong-password', '--time-scale', '600']).status,
    ).toBe(0);
    const envelope = readSealedEnvelope(labDir);
    const newPassword = 'Typed-New-Backup-77';
    const session = spawnCli(['drill', '--lab-dir', labDir, '--state-dir', join(root, 'state')], {
      cols: 120,
      rows: 40,
    });
    const passwords = [envelope.password, envelope.correctedPassword!];
    expect(await answerPrompts(session, designatePrompts(passwords, newPassword), /Drill grade/)).toBe(
      'ended',
    );
    const { exitCode } = await session.exited;
    expect(exitCode, session.output.slice(-2000)).toBe(0);
    expect(session.output).toContain('PASSED: the drill reached every criterion.');
    expect(session.output).toContain('HRESULT: 0xC0002A1B'); // the wrong password was refused first
    for (const secret of [envelope.password, envelope.correctedPassword!, newPassword]) {
      expect(session.output).not.toContain(secret);
    }
    const events = readRunEvents(join(root, 'state'));
    expect(events.find((e) => e.type === 'run-finished')).toMatchObject({ outcome: 'succeeded' });
    expect(
      readFileSync(join(root, 'state', 'runs', String(events[0]!.runId), 'report.md'), 'utf8'),
    ).not.toContain(newPassword);
  }, 120_000);
});
