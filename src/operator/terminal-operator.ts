import { userInfo, hostname } from 'node:os';
import { confirm, input, password, select } from '@inquirer/prompts';
import type { FailureChoice, InputRequest, Operator, OperatorMessage } from '../engine/ports.js';
import { createChalk, describeWait, formatMessage } from './format-message.js';
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
  // A wait is one live line, rewritten in place on a terminal; anything else printed ends it first.
  let live = false;
  const endLive = () => {
    if (live) out.write('\n');
    live = false;
  };
  const write = (text: string) => {
    endLive();
    out.write(`${options.redactor.redact(text)}\n`);
  };
  const show = (message: OperatorMessage) => {
    if (message.kind !== 'waiting' || !out.isTTY) return write(formatMessage(message, c));
    // Kept within one row: a wrapped line cannot be rewritten in place.
    const width = Math.max(20, (out.columns ?? 80) - 1);
    const line = options.redactor.redact(`   … ${describeWait(message)}`);
    out.write(`\r\x1b[2K${c.dim(line.length > width ? `${line.slice(0, width - 1)}…` : line)}`);
    live = true;
  };
  const who = `${userInfo().username}@${hostname()}`;
  return {
    identity: () => who,
    show,
    ask: (request) => {
      endLive();
      return askInput(request, context, options.redactor);
    },
    confirm: (request) => {
      endLive();
      return confirm({ message: request.message, default: !request.destructive }, context);
    },
    chooseOnFailure: async (request) => {
      endLive();
      return select(
        {
          message: 'What now?',
          choices: request.choices.map((value) => ({ value, ...describeChoice(value, request) })),
          default: request.choices[0],
        },
        context,
      );
    },
    reason: (request) => {
      endLive();
      return input(
        {
          message: request.prompt,
          required: true,
          validate: (v) => v.trim().length > 0 || 'A reason is required',
        },
        context,
      ).then((r) => r.trim());
    },
    manual: async (request) => {
      write(formatMessage({ kind: 'instructions', text: `Do this by hand:\n${request.instructions}` }, c));
      return askManualDone(context, () =>
        write(c.dim('   Waiting here. Choose Done once it is done, or Problem if it cannot be done.')),
      );
    },
  };
}

/**
 * A manual step's question. A reflexive Enter lands on "Not yet", which waits here and asks again: it
 * neither claims the step done nor marks it failed. Only "Problem" opens the failure menu.
 */
async function askManualDone(
  context: { signal?: AbortSignal; output: NodeJS.WriteStream },
  onWait: () => void,
): Promise<boolean> {
  for (;;) {
    const answer = await select(
      {
        message: 'Is it done?',
        choices: [
          { value: 'done', name: 'Done', description: 'it is done; the step goes on to its checks' },
          {
            value: 'wait',
            name: 'Not yet (wait here)',
            description: 'nothing is recorded; you are asked again',
          },
          {
            value: 'problem',
            name: 'Problem (open the menu)',
            description: 'it cannot be done: retry, skip with a reason, or abort',
          },
        ],
        default: 'wait',
      },
      context,
    );
    if (answer !== 'wait') return answer === 'done';
    onWait();
  }
}

async function askInput(
  request: InputRequest,
  context: { signal?: AbortSignal; output: NodeJS.WriteStream },
  redactor: Redactor,
): Promise<string | boolean> {
  const validate = (value: string | boolean) => request.validate?.(value) ?? true;
  // An answer in clear text (a backup's reminder is stored readable in the backup file) must not carry a
  // secret of this run; the redactor knows every secret entered so far.
  const validateClear = (value: string) =>
    redactor.redact(value) !== value
      ? 'This contains a password entered in this run, and would be stored in clear text. Type something else.'
      : validate(value);
  if (request.type === 'boolean')
    return confirm({ message: request.prompt, default: request.default === true }, context);
  if (request.type === 'secret') {
    const first = await password(
      { message: request.prompt, mask: '*', toggleMask: false, validate },
      context,
    );
    if (!request.confirm) return first;
    const second = await password(
      { message: 'Type it again to confirm', mask: '*', toggleMask: false },
      context,
    );
    if (second === first) return first;
    // A typo may be in either entry: both are asked again, never the second one alone.
    context.output.write('   The two entries differ. Type both again.\n');
    return askInput(request, context, redactor);
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
      validate: validateClear,
    },
    context,
  );
}
