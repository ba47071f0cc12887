import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for Windows' taskkill: records each call's arguments (one JSON array a line), then does
 * what `taskkill /PID n /T /F` does — ends n and every process below it — or, with `fail`, nothing but
 * taskkill's "not found" error and exit code 128.
 */
export function createTaskkillStandIn(dir: string, options: { fail?: boolean } = {}) {
  const program = join(dir, 'taskkill');
  const log = join(dir, 'taskkill-calls.ndjson');
  const script = [
    '#!/usr/bin/env node',
    "const { appendFileSync } = require('node:fs');",
    "const { execFileSync } = require('node:child_process');",
    'const args = process.argv.slice(2);',
    `appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');`,
    "const pid = Number(args[args.indexOf('/PID') + 1]);",
    options.fail ? `console.error('ERROR: The process "' + pid + '" not found.'); process.exit(128);` : '',
    'function tree(p) {',
    "  let children = '';",
    "  try { children = execFileSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }); } catch {}",
    '  return [p, ...children.split(/\\s+/).filter(Boolean).map(Number).flatMap(tree)];',
    '}',
    'for (const p of tree(pid)) { try { process.kill(p, "SIGKILL"); } catch {} }',
    "console.log('SUCCESS: The process with PID ' + pid + ' has been terminated.');",
  ].join('\n');
  writeFileSync(program, script);
  chmodSync(program, 0o755);
  return { program, log };
}

/** The argument lists the stand-in was called with, in order. */
export function readTaskkillCalls(log: string): string[][] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
}
