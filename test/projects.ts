/**
 * Two projects. `unit`: the pieces in this process (runbook, engine, journal, operator, report, notify,
 * transports against local programs, the lab in-process) — no dist/ needed, the inner loop
 * (`npm run test:unit`). `system`: the built CLI as real processes — pty wizards, drills, crash and kill
 * harnesses, packaging, security, ssh and Chromium, one real-process smoke test per lab tool.
 */
export const SYSTEM = [
  'test/e2e/**/*.test.ts',
  'test/drills/**/*.test.ts',
  'test/package/**/*.test.ts',
  'test/security/**/*.test.ts',
  'test/transports/ssh*.test.ts',
  'test/transports/env-check.test.ts',
  'test/transports/large-output.test.ts',
  'test/report/html-in-browser.test.ts',
  'test/report/drill-reports.test.ts',
  'test/lab/lab-cli.test.ts',
  'test/lab/lab-tools-process.test.ts',
  'test/commands/plan.test.ts',
  'test/commands/plan-dr-and-rebuild.test.ts',
  'test/report/drill-history.test.ts',
  'test/transports/posix-probes.test.ts',
  'test/commands/verify-answers.test.ts',
  'test/examples/**/*.test.ts',
  'test/runbook/lint.test.ts',
  'test/runbook/bounds.test.ts',
  'test/engine/internal-errors.test.ts',
  'test/lab/init-lab-kill.test.ts',
  'test/commands/hints.test.ts',
  'test/commands/outcome-after-resume.test.ts',
  'test/commands/resume-keeps-failure.test.ts',
  // These files mix in-process cases with a few through the built CLI.
  'test/journal/journal.test.ts',
  'test/journal/lock.test.ts',
  'test/report/checklist.test.ts',
  'test/report/markdown-report.test.ts',
];
