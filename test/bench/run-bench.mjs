#!/usr/bin/env node
// Benchmarks of the built CLI (`npm run bench` builds first). Each benchmark compares a subject with a
// baseline measured in the same run, interleaved, and reports medians and their ratio against a target.
//
//   node test/bench/run-bench.mjs [name-filter] [--runs N] [--strict]
//
// --strict exits 1 when a benchmark misses its target (for CI); by default the table is informational.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const NODE = process.execPath;

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const runsFlag = args.indexOf('--runs');
const runsOverride = runsFlag >= 0 ? Number(args[runsFlag + 1]) : undefined;
const filter = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');

/**
 * @typedef {{ label: string, run: () => void }} Side  one timed thing; `run` throws if it did not do its job
 * @typedef {{ name: string, target: number, runs: number, baseline: Side, subject: Side, note?: string,
 *             setup?: () => void, teardown?: () => void }} Benchmark
 * @typedef {{ name: string, pending: string }} PendingBenchmark  a hook for later: no numbers until it is real
 */

/** Run a program to completion; a non-zero exit is an error, so a broken subject is never timed as fast. */
function exec(file, argv, options = {}) {
  const result = spawnSync(file, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${[file, ...argv].join(' ')} exited ${result.status}: ${(result.stderr || result.stdout).trim().slice(0, 400)}`,
    );
  }
  return result;
}

function timeOnce(run) {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One warm-up each, then baseline and subject alternate so drift (CPU frequency, caches) hits both alike. */
function measure(benchmark) {
  const runs = runsOverride ?? benchmark.runs;
  benchmark.baseline.run();
  benchmark.subject.run();
  const baseline = [];
  const subject = [];
  for (let i = 0; i < runs; i += 1) {
    baseline.push(timeOnce(benchmark.baseline.run));
    subject.push(timeOnce(benchmark.subject.run));
  }
  const b = median(baseline);
  const s = median(subject);
  return { baselineMs: b, subjectMs: s, ratio: s / b, runs };
}

// ---------------------------------------------------------------------------------------------------------
// Benchmarks

/** (a) Startup: every command pays it, and an operator under pressure notices a slow --help. */
function coldStart() {
  return {
    name: 'cold start: --help',
    target: 1.6,
    runs: 15,
    baseline: { label: "node -e ''", run: () => exec(NODE, ['-e', '']) },
    subject: {
      label: 'node dist/cli.js --help',
      run: () => {
        const { stdout } = exec(NODE, [CLI, '--help']);
        if (!stdout.includes('Usage: sso-failover')) throw new Error('--help printed no usage');
      },
    },
  };
}

const STEPS = 50;

/**
 * (b) Engine overhead per step: a 50-step runbook of no-op commands, run from an answers file, against a
 * script running the same commands. `postCheck` decides what each step's post-check is; `against` is the
 * baseline: a shell script, or a Node script spawning the same commands with execa one by one (what the
 * engine cannot avoid doing), which isolates the engine's own cost.
 * @param {'command' | 'file'} postCheck
 * @param {'sh' | 'node'} against
 */
function fiftySteps(postCheck, against = 'sh') {
  const dir = mkdtempSync(join(tmpdir(), 'sso-bench-'));
  const marker = join(dir, 'marker');
  const runbook = join(dir, `fifty-${postCheck}.yaml`);
  const answers = join(dir, 'answers.yaml');
  const script = join(dir, against === 'sh' ? `fifty-${postCheck}.sh` : `fifty-${postCheck}.mjs`);
  const stateDir = join(dir, 'state');
  const trueBin = ['/usr/bin/true', '/bin/true'].find((p) => existsSync(p)) ?? 'true';
  const check = postCheck === 'command' ? `      - run: [${trueBin}]` : `      - file: { path: '${marker}' }`;
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const id = `step-${String(i + 1).padStart(2, '0')}`;
    return [
      `  - id: ${id}`,
      `    title: No-op ${i + 1}`,
      '    confirm: false',
      `    action: { run: [${trueBin}] }`,
      '    post:',
      check,
      `    rollback: { run: [${trueBin}] }`,
    ].join('\n');
  });
  const yaml = [
    `id: fifty-${postCheck}`,
    `title: Fifty no-op steps (${postCheck} post-checks)`,
    'summary: Benchmark of the per-step cost of the engine.',
    'sources: [benchmark]',
    'rto: 1h',
    'steps:',
    ...steps,
    '',
  ].join('\n');
  // The shell runs the same external commands; a file post-check is a shell builtin test, as a probe is in-process.
  const shellCheck = postCheck === 'command' ? trueBin : `test -e '${marker}'`;
  const shell = ['set -e', ...Array.from({ length: STEPS }, () => `${trueBin}\n${shellCheck}`), ''].join(
    '\n',
  );
  const execaUrl = new URL('../../node_modules/execa/index.js', import.meta.url).href;
  const nodeScript = [
    `import { execa } from '${execaUrl}';`,
    `import { existsSync } from 'node:fs';`,
    `for (let i = 0; i < ${STEPS}; i += 1) {`,
    `  if ((await execa('${trueBin}', [], { detached: true, reject: false })).exitCode !== 0) process.exit(1);`,
    postCheck === 'command'
      ? `  if ((await execa('${trueBin}', [], { detached: true, reject: false })).exitCode !== 0) process.exit(1);`
      : `  if (!existsSync('${marker}')) process.exit(1);`,
    '}',
    '',
  ].join('\n');
  let verified = false;
  return {
    name: `${STEPS}-step runbook, ${postCheck === 'command' ? 'command' : 'file-probe'} post-checks, vs ${against === 'sh' ? 'sh' : 'node+execa'}`,
    target: 1.5,
    runs: 5,
    note:
      postCheck === 'command'
        ? `baseline runs ${STEPS * 2} external commands (action + check)`
        : `baseline runs ${STEPS} external commands + ${STEPS} in-process file tests`,
    setup: () => {
      writeFileSync(marker, '');
      writeFileSync(runbook, yaml);
      writeFileSync(answers, 'confirm: all\n');
      writeFileSync(script, against === 'sh' ? shell : nodeScript);
      mkdirSync(stateDir, { recursive: true });
    },
    teardown: () => rmSync(dir, { recursive: true, force: true }),
    baseline:
      against === 'sh'
        ? { label: `sh script, ${STEPS} steps`, run: () => exec('sh', [script]) }
        : { label: `node script spawning the same commands with execa`, run: () => exec(NODE, [script]) },
    subject: {
      label: `run --answers (${STEPS} steps)`,
      run: () => {
        exec(NODE, [CLI, 'run', runbook, '--answers', answers, '--state-dir', stateDir], {
          env: { ...process.env, NO_COLOR: '1' },
        });
        if (!verified) verifyAllStepsRan(stateDir);
        verified = true;
      },
    },
  };
}

/** Make sure the timed run really ran every step (not, say, refused the runbook in 100 ms). */
function verifyAllStepsRan(stateDir) {
  const runsDir = join(stateDir, 'runs');
  const [first] = readdirSync(runsDir);
  const journal = readFileSync(join(runsDir, first, 'journal.ndjson'), 'utf8');
  const finished = journal.split('\n').filter((line) => line.includes('"type":"step-finished"')).length;
  if (finished !== STEPS)
    throw new Error(`expected ${STEPS} finished steps in the journal, found ${finished}`);
}

// Hooks for benchmarks still to write. Each returns a Benchmark when implemented; until then it says what it
// will measure and stays out of the numbers.

/** @returns {Benchmark | PendingBenchmark} */
function drillWallTime() {
  return {
    name: 'drill wall time',
    pending: '`drill --autopilot --json` elapsedMs on a fresh lab vs the sum of its lab commands run alone',
  };
}

/** @returns {Benchmark | PendingBenchmark} */
function parallelPreflight() {
  return {
    name: 'parallel pre-flight',
    pending: 'pre-checks on N hosts at once vs one host, once pre-flight runs checks in parallel',
  };
}

/** @returns {Benchmark | PendingBenchmark} */
function lintHundredRunbooks() {
  return {
    name: 'lint of 100 runbooks',
    pending: '`lint` over 100 generated runbooks vs `lint` of one (startup amortised)',
  };
}

/** @returns {Benchmark | PendingBenchmark} */
function peakMemory() {
  return {
    name: 'peak memory',
    pending:
      'max RSS of a 50-step run vs `node -e ""` (needs a child-process RSS probe, e.g. /proc/<pid>/status VmHWM)',
  };
}

const BENCHMARKS = [
  coldStart,
  () => fiftySteps('command'),
  () => fiftySteps('file'),
  () => fiftySteps('file', 'node'),
  drillWallTime,
  parallelPreflight,
  lintHundredRunbooks,
  peakMemory,
];

// ---------------------------------------------------------------------------------------------------------
// Table

function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function printTable(rows) {
  const header = ['benchmark', 'baseline (median)', 'subject (median)', 'ratio', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function main() {
  if (!existsSync(CLI)) {
    console.error(`${CLI} is missing: run \`npm run build\` (or \`npm run bench\`, which builds first).`);
    process.exit(2);
  }
  console.log(`node ${process.version} · ${availableParallelism()} CPUs · ${process.platform}\n`);
  const rows = [];
  const notes = [];
  let missed = 0;
  for (const create of BENCHMARKS) {
    const benchmark = create();
    if (filter && !benchmark.name.includes(filter)) {
      benchmark.teardown?.();
      continue;
    }
    if ('pending' in benchmark) {
      rows.push([benchmark.name, '–', '–', '–', '–', 'not measured yet']);
      notes.push(`${benchmark.name}: ${benchmark.pending}`);
      continue;
    }
    try {
      benchmark.setup?.();
      const m = measure(benchmark);
      const pass = m.ratio <= benchmark.target;
      if (!pass) missed += 1;
      rows.push([
        benchmark.name,
        `${formatMs(m.baselineMs)}`,
        `${formatMs(m.subjectMs)}`,
        `${m.ratio.toFixed(2)}×`,
        `≤ ${benchmark.target}×`,
        `${pass ? 'pass' : 'FAIL'} (${m.runs} runs)`,
      ]);
      notes.push(
        `${benchmark.name}: baseline = ${benchmark.baseline.label}; subject = ${benchmark.subject.label}${benchmark.note ? `; ${benchmark.note}` : ''}`,
      );
    } catch (error) {
      missed += 1;
      rows.push([benchmark.name, '–', '–', '–', `≤ ${benchmark.target}×`, 'ERROR']);
      notes.push(`${benchmark.name}: ERROR ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      benchmark.teardown?.();
    }
  }
  printTable(rows);
  console.log('');
  for (const note of notes) console.log(`  ${note}`);
  if (strict && missed > 0) process.exit(1);
}

main();
