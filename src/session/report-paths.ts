import { join } from 'node:path';

/** The last lines of every run: where its reports are, one path a line so each can be copied. */
export function formatReportPaths(runDir: string): string {
  return `Reports:\n    ${join(runDir, 'report.md')}\n    ${join(runDir, 'report.html')}`;
}
