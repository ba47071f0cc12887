import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, REPO_ROOT, spawnCli } from '../support/pty.js';
import { renderScreen } from '../support/terminal-screen.js';

const FIXTURE = join(REPO_ROOT, 'test/e2e/fixtures/two-manual-steps.yaml');
const COLS = 70;
const REASON =
  'The DBA checked MSDTC network access on both servers by phone with DTCPing and confirmed it works';

/**
 * What stays on the screen once a prompt is answered, seen through a terminal emulator 70 columns wide:
 * a long answer is one line the terminal wraps (and re-wraps when resized), never a line broken by the
 * program in the middle of a word; Ctrl+C does not leave the open menu behind.
 */
describe('answered and interrupted prompts on a narrow terminal', () => {
  it('keeps a long answer whole, on a line of its own, and clears the menu Ctrl+C interrupted', async () => {
    const stateDir = join(mkdtempSync(join(tmpdir(), 'sso-answered-')), 'state');
    const t = spawnCli(['run', FIXTURE, '--state-dir', stateDir], { cols: COLS });
    await t.waitFor('? Is it done?');
    t.write(`${KEY.down}${KEY.enter}`); // Problem (open the menu)
    await t.waitFor('? What now?');
    t.write(`${KEY.down}${KEY.enter}`); // Skip this step
    await t.waitFor('? Why skip');
    t.write(`${REASON}${KEY.enter}`);
    await t.waitFor('── Step 2 of 2');
    await t.waitFor('? Is it done?');
    t.write(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(130);

    const lines = await renderScreen(t.raw, COLS);
    const texts = lines.map((l) => l.text);
    // The question, then the answer whole on its own line: wrapped by the terminal only.
    const question = texts.findIndex((l) => l.startsWith('✔ Why skip "Check the network by hand"?'));
    expect(question, texts.join('\n')).toBeGreaterThan(-1);
    expect(lines[question + 1]!.text.trim()).toBe(REASON);
    expect(lines[question + 1]!.rows).toBeGreaterThan(1);
    // No line anywhere holds a fragment of the reason that the program broke off: the answer, the
    // "Skipped" line and the summary hold it whole.
    const mentions = texts.filter((l) => l.includes('DTCPing'));
    expect(mentions).toHaveLength(3);
    for (const line of mentions) expect(line).toContain(REASON);
    // Short answers stay beside their question.
    expect(texts).toContain('✔ Is it done? Problem (open the menu)');
    expect(texts).toContain('✔ What now? Skip this step');
    // Ctrl+C at the second step's menu: the question is marked, the choices are gone.
    expect(texts).toContain('✘ Is it done? — not answered: interrupted');
    const afterStep2 = texts.slice(texts.findIndex((l) => l.includes('Step 2 of 2')));
    expect(afterStep2.join('\n')).not.toContain('Not yet (wait here)');
    expect(afterStep2.join('\n')).not.toContain('navigate');
  }, 60_000);
});
