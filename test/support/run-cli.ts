import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli.js');

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** Run the built CLI as a real process with no TTY (as CI does). */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: options.timeoutMs ?? 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function makeTempDir(prefix = 'sso-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export type JournalEvent = { type: string; stepId?: string; [key: string]: unknown };

/** The events of the only (or newest) run in a state dir. */
export function readRunEvents(stateDir: string): JournalEvent[] {
  const runs = readdirSync(join(stateDir, 'runs')).sort();
  const file = join(stateDir, 'runs', runs.at(-1)!, 'journal.ndjson');
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { event: JournalEvent }).event);
}

export type DrillJson = {
  runId: string;
  passed: boolean;
  criteria: { name: string; passed: boolean; detail: string }[];
  elapsedMs: number;
  /** how long the same run takes on real servers (the lab's waits at their modelled length) */
  labElapsedMs?: number;
};

/** A drill's closing JSON line (`--json`). */
export function parseDrillJson(stdout: string): DrillJson {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as DrillJson;
}

export function criterion(drill: DrillJson, name: string) {
  const found = drill.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion ${name} in ${drill.criteria.map((c) => c.name).join(', ')}`);
  return found;
}

export type DrillOptions = {
  /** default: the designate runbook */
  runbook?: string;
  faults?: readonly string[];
  /** an answers file's text instead of the autopilot */
  answers?: string;
  timeScale?: number;
  extra?: readonly string[];
};

/**
 * One drill through the real CLI (no TTY), its lab and state kept in a fresh folder: the process result, the
 * closing JSON grade, and the run's journal events.
 */
export function runDrill(options: DrillOptions = {}) {
  const stateDir = makeTempDir('sso-drill-');
  const labDir = join(stateDir, 'lab');
  let operator = ['--autopilot'];
  if (options.answers !== undefined) {
    const file = join(stateDir, 'answers.yaml');
    writeFileSync(file, options.answers);
    operator = ['--answers', file];
  }
  const result = runCli([
    'drill',
    ...(options.runbook ? ['--runbook', options.runbook] : []),
    ...operator,
    '--json',
    ...(options.timeScale ? ['--time-scale', String(options.timeScale)] : []),
    '--state-dir',
    stateDir,
    '--lab-dir',
    labDir,
    ...(options.faults ?? []).flatMap((f) => ['--fault', f]),
    ...(options.extra ?? []),
  ]);
  return { result, json: parseDrillJson(result.stdout), events: readRunEvents(stateDir), labDir, stateDir };
}

const KILL_AFTER = join(import.meta.dirname, 'kill-after.mjs');

/**
 * `run`, `resume` or `drill` of the built CLI as a real process that is SIGKILLed right after the event
 * `<type>:<step-id>` is journaled (test/support/kill-after.mjs: the hook exists only in test code).
 */
export function runCliKilledAfter(
  target: string,
  command: 'run' | 'resume' | 'drill',
  options: Record<string, unknown>,
  reference?: string,
): CliResult {
  const result = spawnSync(
    process.execPath,
    [KILL_AFTER, target, command, JSON.stringify(options), ...(reference ? [reference] : [])],
    { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
