import { join } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { listRuns, runsDir } from '../journal/list-runs.js';
import { resolveStateDir } from '../journal/state-dir.js';
import { renderHtmlReport } from '../report/render-html.js';
import { renderMarkdownReport } from '../report/render-markdown.js';
import { writeDocument } from '../report/write-document.js';
import { resumeCommandLine, stateCommandLine } from '../session/next-commands.js';
import { loadRunView } from '../session/write-run-reports.js';

export type ReportOptions = { format?: string; out?: string; stateDir?: string };

/** `sso-failover report [run-id]`: a run's report from its journal, to stdout or --out. */
export async function reportCommand(runId: string | undefined, options: ReportOptions): Promise<number> {
  const format = options.format ?? 'md';
  if (format !== 'md' && format !== 'html')
    throw new InvalidInputError(`--format is md or html, not "${format}".`);
  const stateDir = resolveStateDir(options.stateDir);
  const id = runId ?? listRuns(stateDir)[0]?.runId;
  if (!id)
    throw new InvalidInputError(
      `no runs in ${stateDir} yet. Start one with ${stateCommandLine(['run'], stateDir)} <runbook> --env <environment.yaml>, or practise with ${stateCommandLine(['drill'], stateDir)}.`,
    );
  const runDir = join(runsDir(stateDir), id);
  const view = loadRunView(runDir, resumeCommandLine(id, { stateDir }));
  if (!view)
    throw new InvalidInputError(
      `no journal for run ${id} in ${stateDir}; list the runs with: ${stateCommandLine(['runs'], stateDir)}`,
    );
  writeDocument(format === 'md' ? renderMarkdownReport(view) : renderHtmlReport(view), options.out);
  return 0;
}
