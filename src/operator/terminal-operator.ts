import { userInfo, hostname } from 'node:os';
import { confirm, input, password, select } from '@inquirer/prompts';
import type { FailureChoice, InputRequest, Operator, OperatorMessage } from '../engine/ports.js';
import { createAnswerEcho } from './echo-answer.js';
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
  // Each prompt is cleared when it settles; `echo` writes the answer as one line the terminal wraps.
  const context = { signal: options.signal, output: out, clearPromptOnDone: true };
  const echo = createAnswerEcho(out, c, (text) => options.redactor.redact(text));
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
      return askInput(request, { ...context, echo }, options.redactor);
    },
    confirm: (request) => {
      endLive();
      return echo(
        request.message,
        confirm({ message: request.message, default: !request.destructive }, context),
        yesNo,
      );
    },
    chooseOnFailure: async (request) => {
      endLive();
      return echo(
        'What now?',
        select(
          {
            message: 'What now?',
            choices: request.choices.map((value) => ({ value, ...describeChoice(value, request) })),
            default: request.choices[0],
          },
          context,
        ),
        (value) => describeChoice(value, request).name,
      );
    },
    reason: (request) => {
      endLive();
      const asked = input(
        {
          message: request.prompt,
          required: true,
          validate: (v) => v.trim().length > 0 || 'A reason is required',
        },
        context,
      ).then((r) => r.trim());
      return echo(request.prompt, asked, (r) => r);
    },
    manual: async (request) => {
      write(formatMessage({ kind: 'instructions', text: `Do this by hand:\n${request.instructions}` }, c));
      return askManualDone({ ...context, echo }, () =>
        write(c.dim('   Waiting here. Choose Done once it is done, or Problem if it cannot be done.')),
      );
    },
  };
}

/**
 * A manual step's question. A reflexive Enter lands on "Not yet", which waits here and asks again: it
 * neither claims the step done nor marks it failed. Only "Problem" opens the failure menu.
 */
const MANUAL_CHOICES = [
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
] as const;

async function askManualDone(context: PromptContext, onWait: () => void): Promise<boolean> {
  const { echo, ...prompt } = context;
  for (;;) {
    const answer = await echo(
      'Is it done?',
      select({ message: 'Is it done?', choices: [...MANUAL_CHOICES], default: 'wait' }, prompt),
      (value) => MANUAL_CHOICES.find((choice) => choice.value === value)?.name ?? value,
    );
    if (answer !== 'wait') return answer === 'done';
    onWait();
  }
}

type PromptContext = {
  signal?: AbortSignal | undefined;
  output: NodeJS.WriteStream;
  clearPromptOnDone: boolean;
  echo: ReturnType<typeof createAnswerEcho>;
};

const yesNo = (answer: boolean) => (answer ? 'Yes' : 'No');

async function askInput(
  request: InputRequest,
  context: PromptContext,
  redactor: Redactor,
): Promise<string | boolean> {
  const { echo, ...prompt } = context;
  const validate = (value: string | boolean) => request.validate?.(value) ?? true;
  // An answer in clear text (a backup's reminder is stored readable in the backup file) must not carry a
  // secret of this run; the redactor knows every secret entered so far.
  const validateClear = (value: string) =>
    redactor.redact(value) !== value
      ? 'This contains a password entered in this run, and would be stored in clear text. Type something else.'
      : validate(value);
  // A secret's answer shows its mask, never the value.
  const masked = (value: string) => '*'.repeat(value.length);
  if (request.type === 'boolean')
    return echo(
      request.prompt,
      confirm({ message: request.prompt, default: request.default === true }, prompt),
      yesNo,
    );
  if (request.type === 'secret') {
    const first = await echo(
      request.prompt,
      password({ message: request.prompt, mask: '*', toggleMask: false, validate }, prompt),
      masked,
    );
    if (!request.confirm) return first;
    const second = await echo(
      'Type it again to confirm',
      password({ message: 'Type it again to confirm', mask: '*', toggleMask: false }, prompt),
      masked,
    );
    if (second === first) return first;
    // A typo may be in either entry: both are asked again, never the second one alone.
    context.output.write('   The two entries differ. Type both again.\n');
    return askInput(request, context, redactor);
  }
  if (request.choices && request.choices.length > 0) {
    const choices = request.choices.map((value) => ({ value, name: value }));
    const asked = select(
      {
        message: request.prompt,
        choices,
        ...(typeof request.default === 'string' ? { default: request.default } : {}),
      },
      prompt,
    );
    return echo(request.prompt, asked, (value) => value);
  }
  const asked = input(
    {
      message: request.prompt,
      required: true,
      ...(typeof request.default === 'string' ? { default: request.default } : {}),
      validate: validateClear,
    },
    prompt,
  );
  return echo(request.prompt, asked, (value) => value);
}
