import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { JOURNAL_FILE, readJournal } from '../journal/journal.js';
import { writePrivateFile } from '../private-file.js';
import { buildRunView } from '../report/build-run-view.js';
import { renderHtmlReport } from '../report/render-html.js';
import { renderMarkdownReport } from '../report/render-markdown.js';
import type { DrillGrade, RunView } from '../report/run-view.js';
import { parseRunbookFile } from '../runbook/load-runbook.js';
import { stateCommandLine } from './next-commands.js';

/**
 * Write report.md and report.html (mode 0600) into a run folder, from its journal and drill-grade.json.
 * Called at the end of every run (also aborted or canceled ones) and again after a drill is graded.
 * Never throws: a report that cannot be written must not change how the run ended.
 */
export function writeRunReports(runDir: string, resumeCommand?: string): boolean {
  try {
    const view = loadRunView(runDir, resumeCommand);
    if (!view) return false;
    writePrivateFile(join(runDir, 'report.md'), renderMarkdownReport(view));
    writePrivateFile(join(runDir, 'report.html'), renderHtmlReport(view));
    return true;
  } catch (error) {
    process.stderr.write(
      `sso-failover: could not write the run report in ${runDir} (${(error as Error).message}); the journal was not changed by this: write the report later with ${stateCommandLine(['report', basename(runDir)], dirname(dirname(runDir)))}\n`,
    );
    return false;
  }
}

/** A run folder's journal, drill grade and runbook titles, as the report sees them. */
export function loadRunView(runDir: string, resumeCommand?: string): RunView | undefined {
  const events = readJournal(join(runDir, JOURNAL_FILE)).records.map((r) => r.event);
  const started = events.find((e) => e.type === 'run-started');
  if (!started) return undefined;
  const grade = readGrade(join(runDir, 'drill-grade.json'));
  const facts = readRunbookFacts(started.runbook.file, started.runbook.sha256);
  return buildRunView(events, {
    ...(grade ? { grade } : {}),
    ...(facts ? { titles: facts.titles } : {}),
    ...(facts?.headline ? { headline: facts.headline } : {}),
    ...(resumeCommand ? { resumeCommand } : {}),
  });
}

function readGrade(file: string): DrillGrade | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DrillGrade>;
    if (typeof raw.passed !== 'boolean' || !Array.isArray(raw.criteria)) return undefined;
    return {
      passed: raw.passed,
      criteria: raw.criteria,
      faults: Array.isArray(raw.faults) ? raw.faults : [],
      ...(typeof raw.elapsedMs === 'number' ? { elapsedMs: raw.elapsedMs } : {}),
      ...(typeof raw.labElapsedMs === 'number' ? { labElapsedMs: raw.labElapsedMs } : {}),
      ...(typeof raw.outcome === 'string' ? { outcome: raw.outcome } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Step titles and the headline from the runbook file, only if it is still the file the run used. */
function readRunbookFacts(
  file: string,
  sha256: string,
): { titles: Record<string, string>; headline?: Record<string, string> } | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = parseRunbookFile(file);
  if (!parsed.value || createHash('sha256').update(parsed.text).digest('hex') !== sha256) return undefined;
  return {
    titles: Object.fromEntries(parsed.value.steps.map((s) => [s.id, s.title])),
    ...(parsed.value.headline ? { headline: parsed.value.headline } : {}),
  };
}
