import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../projects.js';

const ROOT = join(import.meta.dirname, '../..');

function* testFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (entry.name.endsWith('.test.ts')) yield relative(ROOT, path);
  }
}

/** A glob of the SYSTEM list as a regular expression (only `**` and `*` are used there). */
const matcher = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '(.*/)?')
      .replace(/\*/g, '[^/]*')}$`,
  );

/** The helpers that start dist/cli.js: runCli, runDrill, CLI (run-cli.ts); spawnPty, BUILT_CLI, LAB_TOOL (pty.ts). */
const IMPORTS_CLI_HELPER =
  /import\s*\{[^}]*\b(runCli|runDrill|CLI|BUILT_CLI|LAB_TOOL|spawnPty)\b[^}]*\}\s*from\s*'[^']*support\/(run-cli|pty)\.js'/;

describe('test projects', () => {
  it('keep every test that starts the built CLI (dist/) out of the unit project, which runs without a build', () => {
    const system = SYSTEM.map(matcher);
    const unitFiles = [...testFiles(join(ROOT, 'test'))].filter(
      (file) => !system.some((re) => re.test(file)),
    );
    const startsCli = unitFiles.filter((file) =>
      IMPORTS_CLI_HELPER.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(unitFiles.length).toBeGreaterThan(20);
    expect(startsCli).toEqual([]);
  });
});
