import { InvalidInputError } from '../errors.js';
import type { Environment } from '../runbook/environment-schema.js';
import type { Runbook } from '../runbook/schema.js';
import { createLabTransportFor, parseLabTransport } from '../drill/lab-transport-option.js';
import { createEnvironment } from './load-environment-option.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { executeRun, type OperatorFactory, type RunDecorator } from '../session/execute-run.js';
import { parseVars, refuseSecretVars } from './parse-vars.js';

export type RunCommandOptions = {
  env?: string;
  answers?: string;
  var?: string[];
  stateDir?: string;
  labTransport?: string;
};

export async function runCommand(
  reference: string,
  options: RunCommandOptions,
  decorate?: RunDecorator,
): Promise<number> {
  const labTransport = parseLabTransport(options.labTransport, 'process');
  const loaded = loadRunbook(reference);
  const environment = createEnvironment(options.env);
  const vars = parseVars(options.var);
  refuseSecretVars(loaded.runbook, vars);
  const createOperator = await chooseOperator(options, loaded.runbook, { environment, vars });
  // Lab hosts are reached as real processes unless asked otherwise (--lab-transport in-process).
  const transport = await createLabTransportFor(environment, labTransport);
  const { exitCode } = await executeRun({
    ...(transport ? { transport } : {}),
    loaded,
    environment,
    vars,
    createOperator,
    ...(options.env ? { environmentFile: options.env } : {}),
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    ...(decorate ? { decorate } : {}),
  });
  return exitCode;
}

/** An answers file when given; a terminal only when there is one. Never inquirer without a TTY. */
export async function chooseOperator(
  options: { answers?: string },
  runbook: Runbook,
  context: {
    resuming?: boolean;
    drill?: boolean;
    environment?: Environment;
    vars?: Record<string, string>;
  } = {},
): Promise<OperatorFactory> {
  if (options.answers) {
    // Loaded only when used: a terminal run reaches its first prompt sooner.
    const { loadAnswersFile } = await import('../operator/answers-file.js');
    const { createAnswersOperator, findMissingAnswers } = await import('../operator/answers-operator.js');
    const { takeEnvAnswers } = await import('../operator/take-env-answers.js');
    const answers = takeEnvAnswers(loadAnswersFile(options.answers));
    const { verifyAnswers } = await import('./verify-answers.js');
    // Without the environment (a drill's lab is made later) only missing answers can be found now. On
    // resume only the remaining steps need answers (missing ones are reported when asked), but every value
    // the file gives is still checked before anything runs.
    const problems = context.environment
      ? (await verifyAnswers(runbook, answers, context.environment, context.vars ?? {})).filter(
          (problem) => !context.resuming || !problem.startsWith('no answer for '),
        )
      : context.resuming
        ? []
        : findMissingAnswers(runbook, answers).map((key) => `no answer for ${key}`);
    if (problems.length > 0)
      throw new InvalidInputError(
        `the answers file ${options.answers} does not fit this run; nothing has run. Fix ${problems.length === 1 ? 'this' : `these ${problems.length}`} and run again: ${problems.join('; ')}.`,
      );
    const source = options.answers;
    return ({ show }) => createAnswersOperator(answers, { source, show });
  }
  verifyInteractiveTerminal({ drill: context.drill === true });
  const { createTerminalOperator } = await import('../operator/terminal-operator.js');
  return ({ redactor, signal }) => createTerminalOperator({ redactor, signal });
}

export function verifyInteractiveTerminal(options: { drill?: boolean } = {}): void {
  if (process.stdin.isTTY === true && process.stdout.isTTY === true) return;
  throw new InvalidInputError(
    options.drill
      ? 'stdin/stdout is not a terminal, so nobody can answer prompts. Run the drill in a terminal, add --autopilot to let it answer as a well-prepared operator would, or pass --answers <file> (see the README).'
      : 'stdin/stdout is not a terminal, so nobody can answer prompts. Run this in a terminal, or pass --answers <file> (see the README).',
  );
}
