import type { ChalkInstance } from 'chalk';

/**
 * Prompts are cleared when they settle (inquirer's clearPromptOnDone) and the answer is written here as one
 * line of our own. Inquirer hard-wraps what it renders at the terminal's width, in the middle of a word,
 * with real line breaks that stay in the scrollback and in a copy; a line written whole is wrapped by the
 * terminal, which re-wraps it when resized. An answer that does not fit beside its question (a long
 * reason, a path) goes on a line of its own. Ctrl+C leaves the question marked as not answered instead of
 * the open menu.
 */
export function createAnswerEcho(
  out: NodeJS.WriteStream,
  c: ChalkInstance,
  redact: (text: string) => string,
) {
  return async <T>(message: string, prompt: Promise<T>, describe: (answer: T) => string): Promise<T> => {
    try {
      const answer = await prompt;
      out.write(`${formatAnswered(message, redact(describe(answer)), out.columns, c)}\n`);
      return answer;
    } catch (error) {
      if (isInterruption(error))
        out.write(`${c.red('✘')} ${c.bold(message)} ${c.dim('— not answered: interrupted')}\n`);
      throw error;
    }
  };
}

/** `✔ Question answer`, or the answer indented on the next line when both do not fit in one row. */
export function formatAnswered(
  message: string,
  answer: string,
  columns: number | undefined,
  c: ChalkInstance,
): string {
  const width = columns && columns > 0 ? columns : 80;
  const fits = 2 + message.length + 1 + answer.length <= width && !answer.includes('\n');
  const question = `${c.green('✔')} ${c.bold(message)}`;
  if (fits) return `${question} ${c.cyan(answer)}`;
  return `${question}\n${answer
    .split('\n')
    .map((line) => `    ${c.cyan(line)}`)
    .join('\n')}`;
}

/** Ctrl+C at a prompt (ExitPromptError) or the run's signal (AbortPromptError). */
function isInterruption(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}
