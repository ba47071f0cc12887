#!/usr/bin/env node
// The one place where argv becomes a command and errors become exit codes.
// Only commander is imported eagerly: every command lazy-imports what it needs so --help stays fast.
import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from './exit-codes.js';
import { packageVersion } from './package-info.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function createProgram(): Command {
  const program = new Command('sso-failover')
    .description('Walks an operator through a manual failover of the Enterprise SSO master secret server.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('run')
    .description('run a runbook interactively (or from an answers file)')
    .argument('<runbook>', 'a shipped runbook id (see `list`) or a path to a .yaml file')
    .option('--env <file>', 'environment file: hosts, roles, transports, variables')
    .option('--answers <file>', 'answers file (YAML): inputs and decisions by step id, for drills and CI')
    .option('--var <key=value>', 'set a runbook variable (repeatable)', collect, [])
    .option('--state-dir <dir>', 'where runs are journaled (default: XDG state dir)')
    .option(
      '--lab-transport <how>',
      'lab environments only: lab tools as real processes (process, the default) or in this process (in-process)',
    )
    .action(async (runbook: string, opts) => {
      const { runCommand } = await import('./commands/run.js');
      process.exitCode = await runCommand(runbook, opts);
    });

  program
    .command('plan')
    .description('dry run: every step with resolved hosts, commands and checks; nothing is executed')
    .argument('<runbook>', 'a shipped runbook id or a path')
    .option('--env <file>', 'environment file')
    .option(
      '--var <key=value>',
      'set a runbook variable or input, e.g. newMss=BTS01 (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print the steps and hosts a run would execute as JSON')
    .action(async (runbook: string, opts) => {
      const { planCommand } = await import('./commands/plan.js');
      process.exitCode = await planCommand(runbook, opts);
    });

  program
    .command('list')
    .description('list the shipped runbooks')
    .action(async () => {
      const { listCommand } = await import('./commands/list.js');
      process.exitCode = await listCommand();
    });

  program
    .command('lint')
    .description('check runbooks: YAML, schema and procedure-safety rules; every problem as file:line:col')
    .argument('[files...]', 'runbook files (default: every shipped runbook)')
    .option('--env <file>', 'also check hosts against this environment')
    .action(async (files: string[], opts) => {
      const { lintCommand } = await import('./commands/lint.js');
      process.exitCode = await lintCommand(files, opts);
    });

  program
    .command('drill')
    .description('practise the failover on a fresh simulated ENTSSO deployment, then grade it')
    .addOption(
      new Option('--fault <name>', 'inject a named fault (repeatable; see `lab faults`)')
        .argParser(collect)
        .default([]),
    )
    .option('--runbook <runbook>', 'runbook to drill', 'designate-new-master-secret-server')
    .option('--lab-dir <dir>', 'keep the lab in this folder (default: a new folder under <state dir>/labs)')
    .option('--state-dir <dir>', 'where runs are journaled')
    .option('--autopilot', 'answer every prompt with the right answer for the lab (CI, demos)')
    .option('--answers <file>', 'answers file (YAML)')
    .option('--time-scale <n>', 'lab seconds per real second', '60')
    .option(
      '--json',
      'end stdout with one JSON object: runId, passed, criteria, elapsedMs, outcome, counts, skipped, failed',
    )
    .option(
      '--lab-transport <how>',
      'run lab tools as real processes (process) or in this process (in-process)',
      'in-process',
    )
    .action(async (opts) => {
      const { drillCommand } = await import('./commands/drill.js');
      process.exitCode = await drillCommand(opts);
    });

  program
    .command('runs')
    .description('list runs: id, runbook, environment, started, state, step reached')
    .option('--state-dir <dir>', 'where runs are journaled')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { runsCommand } = await import('./commands/runs.js');
      process.exitCode = await runsCommand(opts);
    });

  program
    .command('resume')
    .description('continue an interrupted run from its journal (default: the latest unfinished run)')
    .argument('[run-id]', 'the run to resume (see `runs`)')
    .option('--state-dir <dir>', 'where runs are journaled')
    .option('--env <file>', 'environment file (default: the one the run used)')
    .option('--answers <file>', 'answers file (YAML) for the remaining steps')
    .option('--autopilot', 'drills only: let the autopilot answer, as `drill --autopilot` does')
    .option(
      '--lab-transport <how>',
      'drills only: lab tools in-process (default) or as real processes (process)',
    )
    .option('--json', 'drills only: end stdout with the grade as one JSON object')
    .option(
      '--done-on-paper <step=time/initials>',
      'a step done on paper meanwhile (repeatable); its post-checks, if it has any, confirm it',
      collect,
      [],
    )
    .action(async (runId: string | undefined, opts) => {
      const { resumeCommand } = await import('./commands/resume.js');
      process.exitCode = await resumeCommand(runId, opts);
    });

  program
    .command('journal')
    .description("check a run's journal")
    .command('verify')
    .description('walk the hash chain: detects any edited, removed or reordered record and says where')
    .argument('<run-id>', 'the run (see `runs`)')
    .option('--state-dir <dir>', 'where runs are journaled')
    .action(async (runId: string, opts) => {
      const { journalVerifyCommand } = await import('./commands/runs.js');
      process.exitCode = await journalVerifyCommand(runId, opts);
    });

  program
    .command('report')
    .description("write a run's report (Markdown or self-contained HTML) from its journal")
    .argument('[run-id]', 'the run (default: the latest)')
    .option('--format <format>', 'md or html', 'md')
    .option('--out <file>', 'write here instead of stdout')
    .option('--state-dir <dir>', 'where runs are journaled')
    .action(async (runId: string | undefined, opts) => {
      const { reportCommand } = await import('./commands/report.js');
      process.exitCode = await reportCommand(runId, opts);
    });

  program
    .command('export')
    .description('a printable checklist of a runbook for an environment (paper fallback)')
    .argument('<runbook>', 'a shipped runbook id or a path')
    .option('--env <file>', 'environment file')
    .option('--format <format>', 'md or html', 'html')
    .option('--out <file>', 'write here instead of stdout')
    .option('--var <key=value>', 'set a runbook variable or input, as for plan (repeatable)', collect, [])
    .action(async (runbook: string, opts) => {
      const { exportCommand } = await import('./commands/export.js');
      process.exitCode = await exportCommand(runbook, opts);
    });

  program
    .command('drills')
    .description('past drills: date, faults, passed, elapsed, slowest step; --html for a trend chart')
    .option('--state-dir <dir>', 'where runs are journaled')
    .option('--html <file>', 'also write an HTML page with the trend of elapsed time against the RTO')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { drillsCommand } = await import('./commands/drills.js');
      process.exitCode = await drillsCommand(opts);
    });

  program
    .command('env')
    .description('environment files')
    .command('check')
    .description('validate an environment file and test that every host is reachable')
    .argument('<file>', 'environment file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts) => {
      const { envCheckCommand } = await import('./commands/env-check.js');
      process.exitCode = await envCheckCommand(file, opts);
    });

  addLabCommands(program);
  return program;
}

function addLabCommands(program: Command): void {
  const lab = program.command('lab').description('the simulated ENTSSO deployment used by drills and tests');
  lab
    .command('init')
    .description('create a lab in a folder')
    .requiredOption('--dir <dir>', 'lab folder')
    .option(
      '--servers <list>',
      'comma-separated SSO server names; the first is the MSS unless --mss (default SSO01,BTS01,BTS02; with --cluster the BizTalk servers, default BTS01,BTS02)',
    )
    .option('--mss <name>', 'which server is the master secret server')
    .option('--cluster', 'a clustered MSS: two cluster nodes, SSODB names the network name SSOCLUSTER')
    .option(
      '--cluster-nodes <list>',
      'the two cluster nodes, the first owning the SSO group (implies --cluster)',
    )
    .addOption(
      new Option('--fault <name>', 'inject a named fault (repeatable)').argParser(collect).default([]),
    )
    .option('--time-scale <n>', 'lab seconds per real second', '60')
    .action(async (opts) => {
      const { labInitCommand } = await import('./commands/lab.js');
      process.exitCode = await labInitCommand(opts);
    });
  lab
    .command('exec')
    .description('run a simulated tool on one lab server: lab exec --dir D --host H -- ssomanage -displaydb')
    .requiredOption('--dir <dir>', 'lab folder')
    .requiredOption('--host <host>', 'lab server')
    .argument('<argv...>', 'the tool and its arguments')
    .action(async (argv: string[], opts) => {
      const { labExecCommand } = await import('./commands/lab.js');
      process.exitCode = await labExecCommand(argv, opts);
    });
  for (const [name, description] of [
    ['status', 'show the state of every server and SSODB'],
    ['verify', 'grade the lab: is the failover complete and correct?'],
  ] as const) {
    lab
      .command(name)
      .description(description)
      .requiredOption('--dir <dir>', 'lab folder')
      .option('--json', 'print JSON')
      .action(async (opts) => {
        const commands = await import('./commands/lab.js');
        process.exitCode = await (name === 'status'
          ? commands.labStatusCommand(opts)
          : commands.labVerifyCommand(opts));
      });
  }
  lab
    .command('faults')
    .description('list the named faults')
    .action(async () => {
      const { labFaultsCommand } = await import('./commands/lab.js');
      process.exitCode = await labFaultsCommand();
    });
  // Used by the lab transport: a typed probe as JSON on stdin, and a file write with content on stdin.
  lab
    .command('probe', { hidden: true })
    .requiredOption('--dir <dir>', 'lab folder')
    .requiredOption('--host <host>', 'lab server')
    .action(async (opts) => {
      const { labProbeCommand } = await import('./commands/lab.js');
      process.exitCode = await labProbeCommand(opts);
    });
  lab
    .command('write', { hidden: true })
    .requiredOption('--dir <dir>', 'lab folder')
    .requiredOption('--host <host>', 'lab server')
    .requiredOption('--path <path>', 'Windows path on that server')
    .action(async (opts) => {
      const { labWriteCommand } = await import('./commands/lab.js');
      process.exitCode = await labWriteCommand(opts);
    });
  lab
    .command('reset')
    .description('put the lab back to its initial state (same servers, faults and backup)')
    .requiredOption('--dir <dir>', 'lab folder')
    .action(async (opts) => {
      const { labResetCommand } = await import('./commands/lab.js');
      process.exitCode = await labResetCommand(opts);
    });
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
