import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSealedEnvelope } from '../../src/lab/index.js';
import { answerPrompts, designatePrompts, type PromptRule } from '../support/drill-prompts.js';
import { KEY, REPO_ROOT, spawnCli, spawnPty } from '../support/pty.js';
import { makeTempDir, runCli } from '../support/run-cli.js';

/** PATH without any folder that could hold an installed `sso-failover` (no global install, no npm bin). */
function pathWithoutTheTool(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules') && !existsSync(join(dir, 'sso-failover')))
    .join(':');
}

/**
 * The "done when": a drill in a real terminal, a skip with a reason, Ctrl+C in the middle of a
 * step repeated per server; the resume command it prints, run exactly as printed from the same folder
 * with no installed `sso-failover`, resumes the drill to a passing grade; both ends name the reports.
 */
describe('a drill interrupted with Ctrl+C resumes with the command it printed', () => {
  it('prints a resume command that works as printed, grades only at the end, and names both reports', async () => {
    const root = makeTempDir('sso-pty-resume-');
    const labDir = join(root, 'lab');
    const stateDir = join(root, 'state');
    expect(runCli(['lab', 'init', '--dir', labDir, '--time-scale', '600']).status).toBe(0);
    const envelope = readSealedEnvelope(labDir);
    const newPassword = 'Typed-New-Backup-78';
    const base = designatePrompts([envelope.password], newPassword);
    let msdtcSeen = false;
    const firstSession: PromptRule[] = [
      // The MSDTC step: the operator cannot confirm it now, reports a problem and skips it with a reason.
      [
        /\? Is it done\?/,
        (_seen, screen) => {
          if (!msdtcSeen && screen.slice(-600).includes('MSDTC network access')) {
            msdtcSeen = true;
            return `p${KEY.enter}`;
          }
          return `d${KEY.enter}`;
        },
      ],
      [/\? What now\?/, () => `s${KEY.enter}`],
      [/\? Why skip/i, () => `MSDTC checked by the DBA on the phone${KEY.enter}`],
      // Ctrl+C at the second server of a step repeated per server.
      [
        /\? Run this on BTS02\?/,
        (_seen, screen) =>
          screen.slice(-1500).includes('BTS02, 2 of 2 servers') ? 'interrupt' : `y${KEY.enter}`,
      ],
      ...base,
    ];
    const drill = spawnCli(['drill', '--lab-dir', labDir, '--state-dir', stateDir], { cwd: REPO_ROOT });
    expect(await answerPrompts(drill, firstSession, /Drill grade/)).toBe('interrupted');
    const first = await drill.exited;
    expect(first.exitCode, drill.output.slice(-3000)).toBe(130);
    const out = drill.output;
    const printed = /Continue with:\r?\n\s+(.+?)\r?\n/.exec(out)?.[1]?.trim();
    const runId = /Run (\S+) (?:stopped|canceled)/.exec(out)?.[1];
    expect(printed).toBe(`node dist/cli.js resume ${runId} --state-dir ${stateDir}`);
    expect(out).toContain('Drill interrupted: not graded yet.');
    expect(out).not.toContain('Drill grade');
    expect(out).not.toContain('NOT PASSED');
    const runDir = join(stateDir, 'runs', runId!);
    expect(out).toMatch(new RegExp(`Reports:\\s+${runDir}/report\\.md\\s+${runDir}/report\\.html`));
    expect(existsSync(join(runDir, 'report.md')) && existsSync(join(runDir, 'report.html'))).toBe(true);

    // Exactly as printed, from the same folder, by a shell that finds no installed sso-failover.
    const resumed = spawnPty('/bin/sh', ['-c', printed!], {
      cwd: REPO_ROOT,
      env: { PATH: pathWithoutTheTool() },
    });
    await resumed.waitFor('Resuming run');
    // The restore is behind it: its password will not be asked again, so it is not announced.
    await resumed.waitFor(
      /Continuing at step \d+ of 30: [^\r\n]*BTS02[^\r\n]*; this step is already done on BTS01\.\r?\n/,
    );
    await resumed.waitFor(/── Step (\d+) of 30 · BTS02, 2 of 2 servers: /);
    expect(await answerPrompts(resumed, base, /Drill grade/)).toBe('ended');
    const second = await resumed.exited;
    expect(second.exitCode, resumed.output.slice(-3000)).toBe(0);
    const end = resumed.output;
    expect(end).toContain('PASSED: the drill reached every criterion.');
    // The final line lists the skip made before the interruption, counted as the screen numbers steps.
    const last = end.split(/\r?\n/).findLast((line) => line.includes(`Run ${runId} finished`))!;
    expect(last).toContain('succeeded with 1 step(s) skipped');
    expect(last).toMatch(/of 30 steps done/);
    expect(last).toContain('1 skipped (step 10 check-msdtc: MSDTC checked by the DBA on the phone)');
    expect(last).not.toMatch(/\b3\d step\(s\) done/);
    // The screen ends naming both reports.
    expect(end.trimEnd()).toMatch(
      new RegExp(`Reports:\\s+${runDir}/report\\.md\\s+${runDir}/report\\.html$`),
    );
    // The skip made before the interruption is in the report, with its reason.
    const report = readFileSync(join(runDir, 'report.md'), 'utf8');
    // The header answers an incident manager first: new MSS, backups with their SHA-256, skips with reasons.
    expect(report).toContain('| Skipped | step 10 check-msdtc (MSDTC checked by the DBA on the phone) |');
    expect(report).toContain('| New master secret server | BTS01 |');
    expect(report).toMatch(
      /\| Backup restored \| C:\\\\SSOBackup\\\\\S+\.bak on BTS01 \(SHA-256 [0-9a-f]{64}\) \|/,
    );
    expect(report).toMatch(
      /\| New backup \| \S+SSO-after-failover-\S+\.bak on BTS01 \(SHA-256 [0-9a-f]{64}\) \|/,
    );
    // One numbering: the report numbers the step interrupted and resumed as the screen did.
    const [, shownNumber, shownTitle] = /── Step (\d+) of 30 · BTS02, 2 of 2 servers: ([^\r\n]+)/.exec(end)!;
    expect(report).toContain(`### ${shownNumber}. ${shownTitle!.trim()} · BTS02, 2 of 2 servers — done`);
    for (const secret of [envelope.password, newPassword]) {
      expect(out + end).not.toContain(secret);
      expect(report).not.toContain(secret);
    }
  }, 180_000);
});
