import { type Command, Option } from 'commander';

/** A command's handler: its positional arguments, then its options; resolves to the exit code. */
// biome-ignore lint/suspicious/noExplicitAny: each handler types its own arguments; commander passes them untyped.
type Handler = (...args: any[]) => Promise<number>;

/**
 * One CLI command: where it sits (`lab init` is `init` under `lab`), its help, its arguments and options,
 * and how to load its handler. `load` runs only when the command is invoked, so `--help` and every other
 * command never load its code (and esbuild splits the bundle at these imports).
 */
export type CommandEntry = {
  path: readonly [string] | readonly [string, string];
  description?: string;
  hidden?: boolean;
  configure?: (command: Command) => Command;
  load: () => Promise<Handler>;
};

const collect = (value: string, previous: string[]) => [...previous, value];
const repeatable = (flags: string, description: string) =>
  new Option(flags, description).argParser(collect).default([]);

/** Parents of two-word commands, in the order their help lists them. */
export const commandGroups: Readonly<Record<string, string>> = {
  journal: "check a run's journal",
  env: 'environment files',
  lab: 'the simulated ENTSSO deployment used by drills and tests',
};

/** Every command, in the order `--help` lists them. */
export const commandTable: readonly CommandEntry[] = [
  {
    path: ['run'],
    description: 'run a runbook interactively (or from an answers file)',
    configure: (c) =>
      c
        .argument('<runbook>', 'a shipped runbook id (see `list`) or a path to a .yaml file')
        .option('--env <file>', 'environment file: hosts, roles, transports, variables')
        .option('--answers <file>', 'answers file (YAML): inputs and decisions by step id, for drills and CI')
        .addOption(repeatable('--var <key=value>', 'set a runbook variable (repeatable)'))
        .option('--state-dir <dir>', 'where runs are journaled (default: XDG state dir)')
        .option(
          '--lab-transport <how>',
          'lab environments only: lab tools as real processes (process, the default) or in this process (in-process)',
        ),
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  {
    path: ['plan'],
    description: 'dry run: every step with resolved hosts, commands and checks; nothing is executed',
    configure: (c) =>
      c
        .argument('<runbook>', 'a shipped runbook id or a path')
        .option('--env <file>', 'environment file')
        .addOption(
          repeatable('--var <key=value>', 'set a runbook variable or input, e.g. newMss=BTS01 (repeatable)'),
        )
        .option('--json', 'print the steps and hosts a run would execute as JSON'),
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  {
    path: ['list'],
    description: 'list the shipped runbooks',
    load: async () => (await import('./commands/list.js')).listCommand,
  },
  {
    path: ['lint'],
    description: 'check runbooks: YAML, schema and procedure-safety rules; every problem as file:line:col',
    configure: (c) =>
      c
        .argument('[files...]', 'runbook files (default: every shipped runbook)')
        .option('--env <file>', 'also check hosts against this environment'),
    load: async () => (await import('./commands/lint.js')).lintCommand,
  },
  {
    path: ['drill'],
    description: 'practise the failover on a fresh simulated ENTSSO deployment, then grade it',
    configure: (c) =>
      c
        .addOption(repeatable('--fault <name>', 'inject a named fault (repeatable; see `lab faults`)'))
        .option('--runbook <runbook>', 'runbook to drill', 'designate-new-master-secret-server')
        .option(
          '--lab-dir <dir>',
          'keep the lab in this folder (default: a new folder under <state dir>/labs)',
        )
        .option('--state-dir <dir>', 'where runs are journaled')
        .option('--autopilot', 'answer every prompt with the right answer for the lab (CI, demos)')
        .option('--answers <file>', 'answers file (YAML)')
        .option('--time-scale <n>', 'lab seconds per real second', '60')
        .option(
          '--approvals <n>',
          'practise the two-person rule: people a destructive action needs (2: a second person approves with `approve`; with --autopilot the autopilot does)',
        )
        .option(
          '--json',
          'end stdout with one JSON object: runId, passed, criteria, elapsedMs, outcome, counts, skipped, failed',
        )
        .option(
          '--lab-transport <how>',
          'run lab tools as real processes (process) or in this process (in-process)',
          'in-process',
        ),
    load: async () => (await import('./commands/drill.js')).drillCommand,
  },
  {
    path: ['runs'],
    description: 'list runs: id, runbook, environment, started, state, step reached',
    configure: (c) =>
      c.option('--state-dir <dir>', 'where runs are journaled').option('--json', 'print JSON'),
    load: async () => (await import('./commands/runs.js')).runsCommand,
  },
  {
    path: ['resume'],
    description: 'continue an interrupted run from its journal (default: the latest unfinished run)',
    configure: (c) =>
      c
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
        .addOption(
          repeatable(
            '--done-on-paper <step=time/initials>',
            'a step done on paper meanwhile (repeatable); its post-checks, if it has any, confirm it',
          ),
        )
        .option(
          '--handoff',
          'take the run over from its last operator: journaled as a hand-off (who, to whom, when, which machine)',
        ),
    load: async () => (await import('./commands/resume.js')).resumeCommand,
  },
  {
    path: ['approve'],
    description:
      'approve (or deny) the destructive action a run waits for: the two-person rule, from another account',
    configure: (c) =>
      c
        .argument('<run-id>', 'the waiting run (its screen shows the id)')
        .option('--state-dir <dir>', "the operator's state folder (its screen shows it)")
        .option('--yes', 'approve without asking (the request is still shown)')
        .option('--deny', 'deny the action; the run stops at its failure menu')
        .option('--reason <text>', 'why (required with --deny)'),
    load: async () => (await import('./commands/approve.js')).approveCommand,
  },
  {
    path: ['watch'],
    description:
      "follow a run live, read-only (default: the latest run); a finished run's timeline is replayed",
    configure: (c) =>
      c
        .argument('[run-id]', 'the run (see `runs`)')
        .option('--state-dir <dir>', 'where runs are journaled')
        .option('--json', 'stream the journal events, one JSON object per line'),
    load: async () => (await import('./commands/watch.js')).watchCommand,
  },
  {
    path: ['journal', 'verify'],
    description: 'walk the hash chain: detects any edited, removed or reordered record and says where',
    configure: (c) =>
      c.argument('<run-id>', 'the run (see `runs`)').option('--state-dir <dir>', 'where runs are journaled'),
    load: async () => (await import('./commands/runs.js')).journalVerifyCommand,
  },
  {
    path: ['report'],
    description: "write a run's report (Markdown or self-contained HTML) from its journal",
    configure: (c) =>
      c
        .argument('[run-id]', 'the run (default: the latest)')
        .option('--format <format>', 'md or html', 'md')
        .option('--out <file>', 'write here instead of stdout')
        .option('--state-dir <dir>', 'where runs are journaled'),
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  {
    path: ['export'],
    description: 'a printable checklist of a runbook for an environment (paper fallback)',
    configure: (c) =>
      c
        .argument('<runbook>', 'a shipped runbook id or a path')
        .option('--env <file>', 'environment file')
        .option('--format <format>', 'md or html', 'html')
        .option('--out <file>', 'write here instead of stdout')
        .addOption(
          repeatable('--var <key=value>', 'set a runbook variable or input, as for plan (repeatable)'),
        ),
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    path: ['drills'],
    description: 'past drills: date, faults, passed, elapsed, slowest step; --html for a trend chart',
    configure: (c) =>
      c
        .option('--state-dir <dir>', 'where runs are journaled')
        .option('--html <file>', 'also write an HTML page with the trend of elapsed time against the RTO')
        .option('--json', 'print JSON'),
    load: async () => (await import('./commands/drills.js')).drillsCommand,
  },
  {
    path: ['readiness'],
    description:
      'will a failover work today? backup, password holder, standby servers, drills; exit 0 ready, 1 not',
    configure: (c) =>
      c
        .option('--env <file>', 'the environment to check (required)')
        .option('--json', 'print the findings as one JSON object')
        .option('--format <format>', 'text, json or prometheus (gauges for a textfile collector)', 'text')
        .option('--state-dir <dir>', 'where drills are journaled (default: XDG state dir)'),
    load: async () => (await import('./commands/readiness.js')).readinessCommand,
  },
  {
    path: ['env', 'check'],
    description: 'validate an environment file and test that every host is reachable',
    configure: (c) => c.argument('<file>', 'environment file').option('--json', 'print JSON'),
    load: async () => (await import('./commands/env-check.js')).envCheckCommand,
  },
  ...labCommands(),
];

function labCommands(): CommandEntry[] {
  const labDir = (c: Command) => c.requiredOption('--dir <dir>', 'lab folder');
  const labHost = (c: Command) => labDir(c).requiredOption('--host <host>', 'lab server');
  return [
    {
      path: ['lab', 'init'],
      description: 'create a lab in a folder',
      configure: (c) =>
        labDir(c)
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
          .addOption(repeatable('--fault <name>', 'inject a named fault (repeatable)'))
          .option('--time-scale <n>', 'lab seconds per real second', '60')
          .option(
            '--approvals <n>',
            'two-person rule: people a destructive action needs (policy.approvals.destructive)',
          ),
      load: async () => (await import('./commands/lab.js')).labInitCommand,
    },
    {
      path: ['lab', 'exec'],
      description:
        'run a simulated tool on one lab server: lab exec --dir D --host H -- ssomanage -displaydb',
      configure: (c) => labHost(c).argument('<argv...>', 'the tool and its arguments'),
      load: async () => (await import('./commands/lab.js')).labExecCommand,
    },
    {
      path: ['lab', 'status'],
      description: 'show the state of every server and SSODB',
      configure: (c) => labDir(c).option('--json', 'print JSON'),
      load: async () => (await import('./commands/lab.js')).labStatusCommand,
    },
    {
      path: ['lab', 'verify'],
      description: 'grade the lab: is the failover complete and correct?',
      configure: (c) => labDir(c).option('--json', 'print JSON'),
      load: async () => (await import('./commands/lab.js')).labVerifyCommand,
    },
    {
      path: ['lab', 'faults'],
      description: 'list the named faults',
      load: async () => (await import('./commands/lab.js')).labFaultsCommand,
    },
    // Used by the lab transport: a typed probe as JSON on stdin, and a file write with content on stdin.
    {
      path: ['lab', 'probe'],
      hidden: true,
      configure: labHost,
      load: async () => (await import('./commands/lab.js')).labProbeCommand,
    },
    {
      path: ['lab', 'write'],
      hidden: true,
      configure: (c) => labHost(c).requiredOption('--path <path>', 'Windows path on that server'),
      load: async () => (await import('./commands/lab.js')).labWriteCommand,
    },
    {
      path: ['lab', 'reset'],
      description: 'put the lab back to its initial state (same servers, faults and backup)',
      configure: labDir,
      load: async () => (await import('./commands/lab.js')).labResetCommand,
    },
  ];
}
