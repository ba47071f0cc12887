import { describeCountsBriefly } from '../engine/compute-outcome.js';
import { checkJournal } from '../journal/check-journal.js';
import { listRuns, runsDir } from '../journal/list-runs.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { InvalidInputError } from '../errors.js';
import { resumeCommandLine, stateCommandLine } from '../session/next-commands.js';
import { isResumable } from '../journal/resume.js';
import { createChalk } from '../operator/format-message.js';
import { formatTable } from '../operator/format-table.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `sso-failover runs`: one line per run, newest first. */
export async function runsCommand(options: { stateDir?: string; json?: boolean }): Promise<number> {
  const stateDir = resolveStateDir(options.stateDir);
  const runs = listRuns(stateDir);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(runs.map(({ variables: _v, ...rest }) => rest))}\n`);
    return 0;
  }
  if (runs.length === 0) {
    process.stdout.write(
      `No runs in ${stateDir} yet. Start one with ${stateCommandLine(['run'], stateDir)} <runbook> --env <environment.yaml>, or practise with ${stateCommandLine(['drill'], stateDir)}.\n`,
    );
    return 0;
  }
  const c = createChalk(process.stdout);
  const rows = runs.map((r) => [
    r.runId,
    r.runbookId,
    r.environment + (r.drill ? ' (drill)' : ''),
    r.startedAt.replace('T', ' ').slice(0, 19),
    r.state,
    describeCountsBriefly(r.computed),
    r.lastStepId ?? '-',
  ]);
  const header = ['RUN', 'RUNBOOK', 'ENVIRONMENT', 'STARTED (UTC)', 'STATE', 'STEPS', 'STEP REACHED'];
  process.stdout.write(formatTable(header, rows, c));
  // The next action, when there is one: the latest unfinished run, as it resumes from here.
  const unfinished = runs.find(isResumable);
  if (unfinished)
    process.stdout.write(
      `\nContinue the latest unfinished run (${unfinished.runId}) with:\n    ${resumeCommandLine(
        unfinished.runId,
        {
          stateDir,
          ...(unfinished.drill && unfinished.operator === 'autopilot' ? { autopilot: true } : {}),
        },
      )}\n`,
    );
  return 0;
}

/** `sso-failover journal verify <run-id>`: walk the hash chain; exit 1 and name the first broken line. */
export async function journalVerifyCommand(runId: string, options: { stateDir?: string }): Promise<number> {
  const stateDir = resolveStateDir(options.stateDir);
  const file = join(runsDir(stateDir), runId, 'journal.ndjson');
  if (!existsSync(file))
    throw new InvalidInputError(
      `no journal for run ${runId} at ${file}; list the runs with: ${stateCommandLine(['runs'], stateDir)}`,
    );
  const check = checkJournal(dirname(file));
  if (!check.ok) {
    process.stdout.write(`✗ ${file}:${check.line}: ${check.problem}.\n`);
    return 1;
  }
  const torn = check.tornTail
    ? ' The last line was torn by a crash mid-write; it is not a record and is cut off when the run resumes.'
    : check.missingNewline
      ? ' The last record lost its newline; it is added when the run resumes.'
      : '';
  process.stdout.write(
    `✓ ${file}: ${check.records.length} records, hash chain intact, end matches its seal.${torn}\n`,
  );
  return 0;
}
