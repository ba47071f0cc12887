import { KEY, type PtySession } from './pty.js';

/** A reply to a prompt: keys to type, or `interrupt` (Ctrl+C at this prompt). */
export type Reply = string | 'interrupt';

export type PromptRule = [RegExp, (seen: string, screen: string) => Reply];

/**
 * The prompts of a designate drill and what a well-prepared operator answers. Manual steps are answered
 * "Done" by typing its first letter (the select jumps to it) then Enter.
 */
export function designatePrompts(passwords: string[], newPassword: string): PromptRule[] {
  return [
    [/\? Is it done\?/, () => `d${KEY.enter}`],
    [/\? Run this on \S+\? \((y\/N|Y\/n)\)/, () => `y${KEY.enter}`],
    [/\? Which SSO server becomes the master secret server\?/, () => KEY.enter],
    [/\? Backup file to restore on BTS01/, () => KEY.enter],
    [/\? Password of the master secret backup/, () => `${passwords.shift()}${KEY.enter}`],
    [/\? What now\?/, () => KEY.enter],
    [/\? Password for the new backup/, () => `${newPassword}${KEY.enter}`],
    [/\? Type it again to confirm/, () => `${newPassword}${KEY.enter}`],
    [/\? Password reminder stored in the backup/, () => `the usual one${KEY.enter}`],
  ];
}

/**
 * Answer prompts until `end` shows (or the session is interrupted). Rules are tried in order; the first
 * whose pattern matches the prompt decides. Returns what ended it.
 */
export async function answerPrompts(
  session: PtySession,
  rules: readonly PromptRule[],
  end: RegExp,
): Promise<'ended' | 'interrupted'> {
  const anyPrompt = new RegExp(`${rules.map(([re]) => re.source).join('|')}|${end.source}`);
  for (let guard = 0; guard < 120; guard++) {
    const seen = await session.waitFor(anyPrompt, 30_000);
    if (end.test(seen)) return 'ended';
    const rule = rules.find(([re]) => re.test(seen));
    if (!rule) throw new Error(`no rule for ${seen}`);
    const reply = rule[1](seen, session.output);
    if (reply === 'interrupt') {
      session.write(KEY.ctrlC);
      return 'interrupted';
    }
    session.write(reply);
    // Inquirer redraws a prompt on every keystroke: go on only once it shows as answered (✔).
    await session.waitFor(/✔ /, 30_000);
  }
  throw new Error('too many prompts');
}
