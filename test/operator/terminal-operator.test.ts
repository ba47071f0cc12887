// Must come first: it routes every @inquirer prompt to an in-memory screen (third-party prompts only;
// the operator under test is our real module, with its real prompt configurations).
import { screen } from '@inquirer/testing/vitest';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { FailureChoice, InputRequest } from '../../src/engine/ports.js';
import { createRedactor } from '../../src/operator/redact.js';
import { createTerminalOperator } from '../../src/operator/terminal-operator.js';

/** The operator, writing its messages (not prompts) into `shown`. */
function createOperator(signal?: AbortSignal) {
  const shown: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      shown.push(chunk.toString());
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  const redactor = createRedactor();
  const operator = createTerminalOperator({ redactor, output, ...(signal ? { signal } : {}) });
  return { operator, redactor, output, shown: () => shown.join('') };
}

/** Every render of every prompt so far, escape sequences removed (cheaper than the xterm-interpreted form). */
async function everythingRendered(): Promise<string> {
  return stripVTControlCharacters(await screen.getFullOutput({ raw: true }));
}

/** The choice lines of a select prompt as the operator sees them, cursor removed. */
function menuLines(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => /^\s*(❯\s)?\S/.test(line) && !line.includes('navigate'))
    .map((line) => line.replace('❯', '').trim())
    .filter((line) => Object.values(LABELS).includes(line));
}

const LABELS: Record<FailureChoice, string> = {
  accept: 'Treat it as done',
  retry: 'Retry',
  rerun: 'Run the action again',
  skip: 'Skip this step',
  rollback: 'Roll back this step',
  abort: 'Abort the run',
  enter: 'Enter the value',
};

const secretRequest: InputRequest = { key: 'token', type: 'secret', prompt: 'Service account password' };

describe('terminal operator: secret inputs', () => {
  it('shows a star for each typed character, never the value', async () => {
    const { operator } = createOperator();
    const answer = operator.ask(secretRequest);
    expect(screen.getScreen()).toBe('? Service account password');
    screen.type('s3cr3t!');
    expect(screen.getScreen()).toBe('? Service account password *******');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('s3cr3t!');
    const everything = await everythingRendered();
    expect(everything).toContain('✔ Service account password *******');
    expect(everything).not.toContain('s3cr3t');
  });

  it('offers no way to reveal the secret (no Ctrl+T toggle)', async () => {
    const { operator } = createOperator();
    const answer = operator.ask(secretRequest);
    screen.type('hunter2');
    expect(screen.getScreen()).not.toMatch(/ctrl\+t/i);
    screen.keypress({ name: 't', ctrl: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(screen.getScreen()).toBe('? Service account password *******');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('hunter2');
    expect(await everythingRendered()).not.toContain('hunter2');
  });

  it('asks twice for a secret that must be confirmed and, when the entries differ, asks for both again', async () => {
    const { operator, shown } = createOperator();
    const answer = operator.ask({ ...secretRequest, confirm: true });
    screen.type('first-valu');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toBe('? Type it again to confirm');
    screen.type('first-value');
    screen.keypress('enter');
    await screen.next();
    // The typo was in the first entry: asking only for the second again could never match it.
    expect(shown()).toContain('The two entries differ. Type both again.');
    expect(screen.getScreen()).toBe('? Service account password');
    screen.type('first-value');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toBe('? Type it again to confirm');
    screen.type('first-value');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('first-value');
    expect(await everythingRendered()).not.toMatch(/first-valu/);
  });

  it('refuses a clear-text answer that contains a secret of the run (a backup reminder holding the password)', async () => {
    const { operator, redactor } = createOperator();
    redactor.register('N3w-Backup-Pass');
    const answer = operator.ask({ key: 'reminder', type: 'string', prompt: 'Password reminder' });
    screen.type('it is N3w-Backup-Pass');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('contains a password entered in this run');
    for (let i = 0; i < 'it is N3w-Backup-Pass'.length; i += 1) screen.keypress('backspace');
    screen.type('the usual one, new year');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('the usual one, new year');
  });

  it("applies the engine's validation to a secret (e.g. minimum length)", async () => {
    const { operator } = createOperator();
    const answer = operator.ask({
      ...secretRequest,
      validate: (v) => String(v).length >= 8 || 'at least 8 characters',
    });
    screen.type('short');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('at least 8 characters');
    screen.type('-but-now-long');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('short-but-now-long');
  });
});

describe('terminal operator: confirmations', () => {
  it('defaults a destructive confirm to No', async () => {
    const { operator } = createOperator();
    const answer = operator.confirm({
      stepId: 'delete-secret',
      message: 'Run this on SSO01?',
      destructive: true,
    });
    expect(screen.getScreen()).toBe('? Run this on SSO01? (y/N)');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });

  it('defaults an ordinary confirm to Yes', async () => {
    const { operator } = createOperator();
    const answer = operator.confirm({
      stepId: 'show-status',
      message: 'Run this on SSO01?',
      destructive: false,
    });
    expect(screen.getScreen()).toBe('? Run this on SSO01? (Y/n)');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(true);
  });

  it('asks whether a manual action is done; a reflexive Enter waits ("Not yet") without failing the step', async () => {
    const { operator, shown } = createOperator();
    const answer = operator.manual({
      stepId: 'restore',
      instructions: 'Open the SSO Administration console.',
    });
    expect(shown()).toContain('Do this by hand:');
    expect(shown()).toContain('Open the SSO Administration console.');
    const menu = screen.getScreen();
    expect(menu.split('\n')[0]).toBe('? Is it done?');
    expect(menu).toMatch(/Done\n.*Not yet \(wait here\)\n.*Problem \(open the menu\)/);
    expect(menu).toMatch(/❯ Not yet/);
    screen.keypress('enter');
    await screen.next();
    expect(shown()).toContain('Waiting here.');
    expect(screen.getScreen().split('\n')[0]).toBe('? Is it done?');
    screen.keypress('up');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(true);
  });

  it('answers "not done" only when the operator reports a problem', async () => {
    const { operator } = createOperator();
    const answer = operator.manual({ stepId: 'restore', instructions: 'Open the console.' });
    screen.keypress('down');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });
});

describe('terminal operator: the failure menu', () => {
  it('lists exactly the offered choices, in order, with the first selected', async () => {
    const { operator, shown } = createOperator();
    const choices: FailureChoice[] = ['retry', 'skip', 'abort'];
    // The engine says what failed, then asks.
    operator.show({ kind: 'failure', stepId: 'start-entsso', phase: 'pre', reason: 'ENTSSO is stopped' });
    const answer = operator.chooseOnFailure({
      stepId: 'start-entsso',
      phase: 'pre',
      reason: 'ENTSSO is stopped',
      choices,
    });
    expect(shown()).toContain('Step start-entsso failed at a check before its action: ENTSSO is stopped');
    const text = screen.getScreen();
    expect(text.split('\n')[0]).toBe('? What now?');
    expect(menuLines(text)).toEqual(['Retry', 'Skip this step', 'Abort the run']);
    expect(text).toContain('❯ Retry');
    expect(text).toContain('run the failed part again');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('retry');
  });

  it('lists all five choices after a failed post-check, and returns the one picked', async () => {
    const { operator } = createOperator();
    const choices: FailureChoice[] = ['retry', 'rerun', 'skip', 'rollback', 'abort'];
    const answer = operator.chooseOnFailure({
      stepId: 'restore',
      phase: 'post',
      reason: 'event 10540 not logged',
      choices,
    });
    expect(menuLines(screen.getScreen())).toEqual(choices.map((c) => LABELS[c]));
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('down');
    // select re-renders synchronously on arrow keys: the screen is current without waiting.
    expect(screen.getScreen()).toContain('❯ Roll back this step');
    expect(screen.getScreen()).toContain("run the step's rollback");
    screen.keypress('enter');
    await expect(answer).resolves.toBe('rollback');
  });
});

describe('terminal operator: the in-doubt menu', () => {
  it('offers to treat an interrupted action as done, first', async () => {
    const { operator } = createOperator();
    const choices: FailureChoice[] = ['accept', 'rerun', 'rollback', 'abort'];
    const answer = operator.chooseOnFailure({
      stepId: 'restore',
      phase: 'in-doubt',
      reason: 'every check passes',
      choices,
    });
    expect(menuLines(screen.getScreen())).toEqual([
      'Treat it as done',
      'Run the action again',
      'Roll back this step',
      'Abort the run',
    ]);
    screen.keypress('enter');
    await expect(answer).resolves.toBe('accept');
  });
});

describe('terminal operator: other inputs', () => {
  it('requires a skip reason that is not blank, and trims it', async () => {
    const { operator } = createOperator();
    const answer = operator.reason({ stepId: 'x', prompt: 'Why skip "Restore the secret"?' });
    screen.type('   ');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('A reason is required');
    screen.type('done by hand ');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('done by hand');
  });

  it('shows the validation message for a text input and keeps asking', async () => {
    const { operator } = createOperator();
    const answer = operator.ask({
      key: 'target',
      type: 'string',
      prompt: 'Name?',
      validate: (v) => /^[a-z]+$/.test(String(v)) || 'must match /^[a-z]+$/',
    });
    screen.type('Bad1');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('must match /^[a-z]+$/');
    for (let i = 0; i < 4; i += 1) screen.keypress('backspace');
    screen.type('good');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('good');
  });

  it('offers the choices of a choice input, starting at the default', async () => {
    const { operator } = createOperator();
    const answer = operator.ask({
      key: 'newMss',
      type: 'host',
      prompt: 'New master secret server?',
      choices: ['BTS01', 'BTS02'],
      default: 'BTS02',
    });
    expect(screen.getScreen()).toContain('❯ BTS02');
    screen.keypress('up');
    expect(screen.getScreen()).toContain('❯ BTS01');
    screen.keypress('enter');
    await expect(answer).resolves.toBe('BTS01');
  });

  it('asks a boolean input as a yes/no question', async () => {
    const { operator } = createOperator();
    const answer = operator.ask({
      key: 'clustered',
      type: 'boolean',
      prompt: 'Is the MSS clustered?',
      default: true,
    });
    expect(screen.getScreen()).toBe('? Is the MSS clustered? (Y/n)');
    screen.type('n');
    screen.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });
});

describe('terminal operator: cancellation and output', () => {
  it('rejects with ExitPromptError on Ctrl+C', async () => {
    const { operator } = createOperator();
    const answer = operator.confirm({ stepId: 'x', message: 'Run?', destructive: false });
    screen.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('rejects with AbortPromptError when the run is canceled by a signal', async () => {
    const controller = new AbortController();
    const { operator } = createOperator(controller.signal);
    const answer = operator.reason({ stepId: 'x', prompt: 'Why?' });
    controller.abort(new Error('received SIGTERM'));
    await expect(answer).rejects.toMatchObject({ name: 'AbortPromptError' });
  });

  it('masks registered secrets in everything it shows', () => {
    const { operator, redactor, shown } = createOperator();
    redactor.register('hunter2');
    operator.show({ kind: 'output', text: 'password is hunter2\n', stream: 'stdout' });
    operator.show({
      kind: 'check',
      ok: false,
      label: 'login',
      expected: 'ok',
      observed: 'bad password hunter2',
    });
    expect(shown()).toContain('password is ********');
    expect(shown()).not.toContain('hunter2');
  });
});

describe('terminal operator: waiting', () => {
  it('shows a wait as one live line, rewritten in place within the terminal width, with real and lab time', () => {
    const { operator, output, shown } = createOperator();
    Object.assign(output, { isTTY: true, columns: 100 });
    const wait = (wallElapsedMs: number, elapsedMs: number) =>
      operator.show({
        kind: 'waiting',
        text: '',
        label: 'service ENTSSO is running',
        host: 'BTS01',
        observed: 'ENTSSO on BTS01 is start-pending',
        elapsedMs,
        timeoutMs: 300_000,
        wallElapsedMs,
        labClock: true,
      });
    wait(1000, 60_000);
    wait(2000, 120_000);
    operator.show({ kind: 'info', text: 'ENTSSO is running' });
    const text = stripVTControlCharacters(shown());
    const rows = text.split('\n');
    // Both waits on one row (the second overwrote the first after \r), then the next message.
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      'waiting for "service ENTSSO is running" on BTS01 · 2s waited (lab time 2m00s of its',
    );
    expect(rows[0]!.split('\r').every((row) => row.length <= 99)).toBe(true);
    expect(rows[1]).toContain('ENTSSO is running');
  });

  it('in a real run (one clock) says waited against the limit, without lab time', () => {
    const { operator, shown } = createOperator();
    operator.show({
      kind: 'waiting',
      text: '',
      label: 'port 1433',
      host: 'SQL01',
      elapsedMs: 70_000,
      timeoutMs: 300_000,
      wallElapsedMs: 70_000,
    });
    expect(shown()).toContain('waiting for "port 1433" on SQL01 · 1m10s of 5m00s waited');
    expect(shown()).not.toContain('lab time');
  });
});
