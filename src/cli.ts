#!/usr/bin/env node
// The one place where argv becomes a command and errors become exit codes.
// Only commander and the command table are imported eagerly: each command's handler is loaded when it
// runs (command-table.ts), so --help stays fast.
import { Command, CommanderError } from 'commander';
import { type CommandEntry, commandGroups, commandTable } from './command-table.js';
import { ExitCode } from './exit-codes.js';
import { packageVersion } from './package-info.js';

function createProgram(): Command {
  const program = new Command('sso-failover')
    .description('Walks an operator through a manual failover of the Enterprise SSO master secret server.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  const groups = new Map<string, Command>();
  for (const entry of commandTable) {
    const [first, second] = entry.path;
    let parent = program;
    if (second !== undefined) {
      parent = groups.get(first) ?? program.command(first).description(commandGroups[first] ?? '');
      groups.set(first, parent);
    }
    const command = parent.command(second ?? first, { hidden: entry.hidden === true });
    if (entry.description !== undefined) command.description(entry.description);
    (entry.configure?.(command) ?? command).action(lazyAction(entry.load));
  }
  return program;
}

/** The one lazy loader: the handler's module is imported when its command runs, never before. */
function lazyAction(load: CommandEntry['load']) {
  return async (...args: unknown[]) => {
    const handler = await load();
    // commander passes the positional arguments, the options, then the Command itself.
    process.exitCode = await handler(...args.slice(0, -1));
  };
}

async function main(): Promise<void> {
  // Every file and folder this tool creates (journals, reports, labs, SQLite files) is owner-only,
  // whatever umask the shell had: they hold a failover's record and a lab's secrets.
  process.umask(0o077);
  try {
    await createProgram().parseAsync(process.argv);
  } catch (error) {
    process.exitCode = await reportError(error);
  }
}

/**
 * The pieces that raise errors (runbook, journal, lab) cannot know how the tool was started; a command they
 * suggest (`sso-failover lab init --dir …`) is written here the way it works from the operator's terminal
 * (`node dist/cli.js lab init --dir …`, `npx sso-failover …`).
 */
async function asInvoked(message: string): Promise<string> {
  if (!/[`(]sso-failover /.test(message)) return message;
  const { cliCommandLine } = await import('./session/cli-invocation.js');
  const invocation = cliCommandLine([]);
  return message.replace(/([`(])sso-failover /g, (_, open: string) => `${open}${invocation} `);
}

async function reportError(error: unknown): Promise<number> {
  // commander has already printed its message (unknown option, missing argument, --help, --version).
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
  const { OperatorError } = await import('./errors.js');
  if (error instanceof OperatorError) {
    process.stderr.write(`sso-failover: ${await asInvoked(error.message)}\n`);
    return error.exitCode;
  }
  // Bad input the lab refused before changing anything (unknown fault, host, tool): matched by name so
  // that the lab, and its native SQLite module, is not loaded just to report an error.
  if (error instanceof Error && error.name === 'LabInputError') {
    process.stderr.write(`sso-failover: ${await asInvoked(error.message)}\n`);
    return ExitCode.invalidInput;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('sso-failover: canceled at a prompt.\n');
    return ExitCode.canceled;
  }
  process.stderr.write(
    `sso-failover: internal error (a bug; please report it): ${String((error as Error)?.stack ?? error)}\n`,
  );
  return ExitCode.failed;
}

await main();
