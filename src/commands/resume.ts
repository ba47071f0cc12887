import { hostname, userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { describeStepCounts } from '../engine/compute-outcome.js';
import { InvalidInputError } from '../errors.js';
import { join } from 'node:path';
import { checkJournal } from '../journal/check-journal.js';
import { JOURNAL_FILE } from '../journal/journal.js';
import { JournalDamagedError } from '../journal/journal-errors.js';
import { listRuns, readRun, runsDir } from '../journal/list-runs.js';
import { stateCommandLine } from '../session/next-commands.js';
import { isResumable, type RunSummary } from '../journal/resume.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { createLocalEnvironment, loadEnvironment } from '../runbook/load-environment.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import type { Runbook } from '../runbook/schema.js';
import { describeResumePoint } from './describe-resume-point.js';
import {
  executeRun,
  verifyRunbookUnchanged,
  type OperatorFactory,
  type RunDecorator,
} from '../session/execute-run.js';
import { createLabAutopilot } from '../drill/lab-autopilot.js';
import { loadLab } from '../drill/load-lab.js';
import { gradeDrill } from '../drill/grade-drill.js';
import { createDrillTransport, parseLabTransport } from '../drill/lab-transport-option.js';
import { chooseOperator } from './run.js';
import { createAutopilotApprover } from '../operator/autopilot-approver.js';

export type ResumeOptions = {
  stateDir?: string;
  answers?: string;
  env?: string;
  autopilot?: boolean;
  labTransport?: string;
  json?: boolean;
  doneOnPaper?: string[];
  /** hand the run over from its last operator to this one: journaled, and the report says so */
  handoff?: boolean;
};

/** Continue an interrupted run from its journal: done steps stay done, secrets are asked again. */
export async function resumeCommand(
  runId: string | undefined,
  options: ResumeOptions,
  decorate?: RunDecorator,
): Promise<number> {
  const labTransport = parseLabTransport(options.labTransport, 'in-process');
  const stateDir = resolveStateDir(options.stateDir);
  const summary = findRun(stateDir, runId);
  // Trust nothing the journal says until its chain and seal hold: a forged or cut record would make resume skip or repeat actions.
  const runDir = join(runsDir(stateDir), summary.runId);
  const check = checkJournal(runDir);
  if (!check.ok) throw new JournalDamagedError(join(runDir, JOURNAL_FILE), check.line, check.problem);
  if (!existsSync(summary.runbookFile))
    throw new InvalidInputError(
      `run ${summary.runId} used ${summary.runbookFile}, which no longer exists. Put it back to resume.`,
    );
  const loaded = loadRunbook(summary.runbookFile);
  // Refused before the banner says it is resuming.
  verifyRunbookUnchanged(loaded, summary);
  const paper = parsePaperSteps(options.doneOnPaper ?? [], loaded.runbook, summary);
  const envFile = options.env ?? summary.environmentFile;
  const environment = envFile ? loadEnvironment(envFile) : createLocalEnvironment();
  let createOperator: OperatorFactory;
  let knownSecrets: string[] = [];
  if (options.autopilot) {
    if (!environment.lab)
      throw new InvalidInputError(
        '--autopilot resumes drills only: this run was not against a lab. Resume it in a terminal or with --answers.',
      );
    const autopilot = createLabAutopilot(await loadLab(), loaded.runbook, environment);
    createOperator = autopilot.createOperator;
    knownSecrets = autopilot.knownSecrets;
  } else
    createOperator = await chooseOperator(
      options.answers ? { answers: options.answers } : {},
      loaded.runbook,
      { resuming: true, drill: Boolean(environment.lab), environment, vars: summary.variables },
    );
  const handoffFrom = await decideHandoff(options, summary);
  const asked = secretsStillAsked(loaded.runbook, summary);
  const secrets = asked.length
    ? ` Secrets are never stored: you will be asked again for: ${asked.join('; ')}.`
    : '';
  process.stdout.write(
    `Resuming run ${summary.runId} (${summary.runbookTitle}) on ${summary.environment}: ${describeStepCounts(summary.computed)} so far; ${describeResumePoint(loaded.runbook, summary)}${secrets}\n`,
  );
  const lab = environment.lab ? await loadLab() : undefined;
  const transport = lab ? createDrillTransport(lab, environment, labTransport) : undefined;
  const run = await executeRun({
    ...(transport ? { transport } : {}),
    loaded,
    environment,
    ...(envFile ? { environmentFile: envFile } : {}),
    vars: {},
    createOperator,
    stateDir,
    resume: summary,
    knownSecrets,
    paper,
    ...(options.autopilot ? { approver: createAutopilotApprover() } : {}),
    ...(handoffFrom !== undefined ? { handoffFrom } : {}),
    resumeWith: {
      ...(options.autopilot ? { autopilot: true } : {}),
      ...(options.labTransport ? { labTransport: options.labTransport } : {}),
    },
    deferReportPaths: Boolean(lab),
    ...(decorate ? { decorate } : {}),
  });
  // A resumed drill is graded like a drill.
  if (lab && environment.lab)
    return gradeDrill(lab, environment.lab.dir, run, {
      json: options.json === true,
      runbookId: loaded.runbook.id,
    });
  return run.exitCode;
}

function findRun(stateDir: string, runId: string | undefined): RunSummary {
  if (runId) {
    const summary = readRun(stateDir, runId);
    if (!summary)
      throw new InvalidInputError(
        `no run ${runId} in ${stateDir}; list the runs with: ${stateCommandLine(['runs'], stateDir)}`,
      );
    if (!isResumable(summary))
      throw new InvalidInputError(`run ${runId} finished; there is nothing to resume.`);
    return summary;
  }
  const latest = listRuns(stateDir).find(isResumable);
  if (!latest)
    throw new InvalidInputError(
      `no unfinished run in ${stateDir}; list the runs with: ${stateCommandLine(['runs'], stateDir)}`,
    );
  return latest;
}

/**
 * `--done-on-paper <step-id>=<time>/<initials>`, as written on the printed checklist. The step must exist
 * and not be done already; its post-checks will confirm it.
 */
export function parsePaperSteps(
  entries: readonly string[],
  runbook: { steps: { id: string }[] },
  summary: RunSummary,
): Record<string, { doneAt: string; initials: string }> {
  const paper: Record<string, { doneAt: string; initials: string }> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+(?:@[A-Za-z0-9.-]+)?)=([^/]+)\/(.+)$/.exec(entry);
    if (!match)
      throw new InvalidInputError(
        `--done-on-paper ${entry}: write it as <step-id>=<time>/<initials>, e.g. restore-master-secret=03:42/JA.`,
      );
    const [, stepId, doneAt, initials] = match as unknown as [string, string, string, string];
    if (!runbook.steps.some((step) => step.id === stepId.split('@')[0]))
      throw new InvalidInputError(
        `--done-on-paper: no step ${stepId} in ${summary.runbookId}; the step ids are on the checklist.`,
      );
    if (summary.completed.includes(stepId))
      throw new InvalidInputError(`--done-on-paper: step ${stepId} is already done in run ${summary.runId}.`);
    paper[stepId] = { doneAt: doneAt.trim(), initials: initials.trim() };
  }
  return paper;
}

/**
 * The secrets entered before the interruption that a remaining step will ask for again, by their prompt
 * (the operator never saw the input's key): a step already done does not ask.
 */
function secretsStillAsked(runbook: Runbook, summary: RunSummary): string[] {
  const entered = new Set(summary.secretInputs);
  const done = (id: string) => summary.completed.includes(id);
  return runbook.steps.flatMap((step) =>
    done(step.id)
      ? []
      : Object.entries(step.inputs ?? {})
          .filter(([key, input]) => input.type === 'secret' && entered.has(key))
          .map(([, input]) => interpolateKnown(input.prompt, summary.variables)),
  );
}

/**
 * Whom the run is handed over from, if this resume is a hand-off: `--handoff`, or — in a terminal, when
 * another account (or machine) ran the run until now — the operator's answer to the question.
 */
async function decideHandoff(options: ResumeOptions, summary: RunSummary): Promise<string | undefined> {
  if (options.handoff) return summary.currentOperator;
  const me = `${userInfo().username}@${hostname()}`;
  // An answers file or the autopilot cannot be asked; a journal without accounts names no person to hand over from.
  if (options.answers || options.autopilot) return undefined;
  if (summary.currentOperator === me || !summary.currentOperator.includes('@')) return undefined;
  const { createTerminalOperator } = await import('../operator/terminal-operator.js');
  const { createRedactor } = await import('../operator/redact.js');
  const yes = await createTerminalOperator({ redactor: createRedactor() }).confirm({
    stepId: 'handoff',
    message: `${summary.currentOperator} ran this run until now; you are ${me}. Record that you take it over (a hand-off)?`,
    destructive: false,
  });
  return yes ? summary.currentOperator : undefined;
}
