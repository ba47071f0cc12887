import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunView, writeRunReports } from '../../src/session/write-run-reports.js';
import { makeTempDir, runCli } from '../support/run-cli.js';
import { PASSWORD, writeCraftedRun } from './crafted-run.js';
import { launchChromium, openOffline } from './open-in-chromium.js';

describe('HTML documents in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the run report renders offline: every step titled, one timeline bar per step, no secret in the DOM', async () => {
    const { runDir } = writeCraftedRun();
    writeRunReports(runDir);
    const view = loadRunView(runDir)!;
    const { page, external } = await openOffline(browser, join(runDir, 'report.html'));
    const screenshot = join(runDir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    expect(external).toEqual([]);
    for (const step of view.steps)
      await expect(page.locator(`[id="step-${step.id}"] .step-title`).isVisible()).resolves.toBe(true);
    expect(await page.locator('.step-title').allInnerTexts()).toEqual(
      view.steps.map((s, i) => `${i + 1}. ${s.title}`),
    );
    expect(await page.locator('svg g.bar').count()).toBe(view.steps.length);
    expect(await page.locator('svg g.bar.skipped').count()).toBe(1);
    expect(await page.locator('svg .mark.retry').count()).toBe(1);
    const text = await page.locator('body').textContent();
    expect(text).toContain('aborted at step 6 backup');
    expect(text).toContain('7m00s of the 30m00s RTO budget');
    const dom = await page.content();
    expect(dom).not.toContain(PASSWORD);
    expect(dom).toContain('********');
    // Long output is folded on screen and unfolded for printing.
    expect(await page.locator('details').first().getAttribute('open')).toBeNull();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('details').first().getAttribute('open')).not.toBeNull();
    await page.close();
  });

  it('the printable checklist shows every step with its commands, and breaks pages between phases', async () => {
    const dir = makeTempDir('sso-checklist-');
    const out = join(dir, 'checklist.html');
    const env = join(dir, 'env.yaml');
    writeFileSync(
      env,
      'name: paper-test\nhosts:\n  SSO01: { roles: [sso-server, mss] }\n  BTS01: { roles: [sso-server, biztalk] }\n  BTS02: { roles: [sso-server, biztalk] }\n  SQL01: { roles: [sql] }\nvars:\n  ssoToolDir: C:\\Program Files\\Common Files\\Enterprise Single Sign-On\n  currentMss: SSO01\n  backupFile: C:\\SSOBackup\\SSO.bak\n  workDir: C:\\SSOFailover\n  sqlServer: SQL01\n  ssoDb: SSODB\n  hostInstanceService: BTSSvc$BizTalkServerApplication\n  writeTestApp: ""\n  writeTestAccount: ""\n',
    );
    const result = runCli(['export', 'designate-new-master-secret-server', '--env', env, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const { page, external } = await openOffline(browser, out);
    await page.screenshot({ path: join(dir, 'checklist.png') });
    expect(external).toEqual([]);
    const steps = page.locator('article.step');
    expect(await steps.count()).toBeGreaterThan(20);
    expect(await page.locator('[data-step="restore-master-secret"] .step-title').textContent()).toBe(
      '17. Restore the master secret on newMss',
    );
    const restore = await page.locator('[data-step="restore-master-secret"]').textContent();
    // at the console, ssoconfig's own prompt: never the script that reads the password as a plain line
    expect(restore).toContain('Do at the console of newMss');
    expect(restore).toContain('ssoconfig.exe" -restoreSecret restoreFile');
    expect(restore).not.toContain('[Console]::In.ReadLine()');
    expect(restore).toContain('never write it on this sheet');
    expect(await page.locator('[data-step="survey-sso-servers@BTS02"]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const breaks = (await page.evaluate(
      "[...document.querySelectorAll('section.phase')].map((s) => getComputedStyle(s).breakBefore)",
    )) as string[];
    expect(breaks[0]).not.toBe('page');
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    await page.close();
  });
});
