import { userInfo, hostname } from 'node:os';
import { confirm, input, password, select } from '@inquirer/prompts';
import type { FailureChoice, InputRequest, Operator, OperatorMessage } from '../engine/ports.js';
import { createChalk, formatMessage } from './format-message.js';
import type { Redactor } from './redact.js';

const CHOICE_LABELS: Record<FailureChoice, { name: string; description: string }> = {
  retry: { name: 'Retry', description: 'run the failed part again' },
  rerun: { name: 'Run the action again', description: 'run the command again, then its checks' },
  skip: { name: 'Skip this step', description: 'go on without it; you will be asked why (recorded)' },
  rollback: { name: 'Roll back this step', description: "run the step's rollback" },
  accept: { name: 'Treat it as done', description: 'you confirmed by hand that it took effect; go on' },
  enter: { name: 'Enter the value', description: 'type the missing value yourself; it is journaled' },
  abort: { name: 'Abort the run', description: 'stop here; the journal records where, so it can be resumed' },
};

/** "Treat it as done" cites the checks only when there were checks and they passed. */
function describeChoice(
  value: FailureChoice,
  request: { checksPassed?: boolean },
): { name: string; description: string } {
  if (value === 'accept' && request.checksPassed)
    return { name: 'Treat it as done', description: 'the checks show the action took effect; go on' };
  return CHOICE_LABELS[value];
}

/**
 * The operator at a terminal. This is the only module that imports @inquirer/prompts.
 * Prompts never answer themselves: no timeouts, destructive confirms default to No.
 */
export function createTerminalOperator(options: {
  redactor: Redactor;
  signal?: AbortSignal;
  output?: NodeJS.WriteStream;
}): Operator {
  const out = options.output ?? process.stdout;
  const c = createChalk(out);
  const context = { signal: options.signal, output: out };
  const write = (text: string) => out.write(`${options.redactor.redact(text)}\n`);
  const who = `${userInfo().username}@${hostname()}`;
  return {
    identity: () => who,
    show: (message: OperatorMessage) => write(formatMessage(message, c)),
    ask: (request) => askInput(request, context),
    confirm: (request) => confirm({ message: request.message, default: !request.destructive }, context),
    chooseOnFailure: async (request) => {
      return select(
        {
          message: 'What now?',
          choices: request.choices.map((value) => ({ value, ...describeChoice(value, request) })),
          default: request.choices[0],
        },
        context,
      );
    },
    reason: (request) =>
      input(
        {
          message: request.prompt,
          required: true,
          validate: (v) => v.trim().length > 0 || 'A reason is required',
        },
        context,
      ).then((r) => r.trim()),
    manual: async (request) => {
      write(formatMessage({ kind: 'instructions', text: `Do this by hand:\n${request.instructions}` }, c));
      return confirm({ message: 'Done?', default: false }, context);
    },
  };
}

async function askInput(
  request: InputRequest,
  context: { signal?: AbortSignal; output: NodeJS.WriteStream },
): Promise<string | boolean> {
  const validate = (value: string | boolean) => request.validate?.(value) ?? true;
  if (request.type === 'boolean')
    return confirm({ message: request.prompt, default: request.default === true }, context);
  if (request.type === 'secret') {
    const first = await password(
      { message: request.prompt, mask: '*', toggleMask: false, validate },
      context,
    );
    if (!request.confirm) return first;
    await password(
      {
        message: 'Type it again to confirm',
        mask: '*',
        toggleMask: false,
        validate: (v) => v === first || 'The two entries differ; type the same value',
      },
      context,
    );
    return first;
  }
  if (request.choices && request.choices.length > 0) {
    return select(
      {
        message: request.prompt,
        choices: request.choices.map((value) => ({ value, name: value })),
        ...(typeof request.default === 'string' ? { default: request.default } : {}),
      },
      context,
    );
  }
  return input(
    {
      message: request.prompt,
      required: true,
      ...(typeof request.default === 'string' ? { default: request.default } : {}),
      validate,
    },
    context,
  );
}
