#!/usr/bin/env node
// `npm start`: build only when a source changed since the last build, then run the drill in this same
// process (one Node start instead of three: npm's script shell, tsc, the CLI). `npm run build` and this
// script both leave dist/cli.js newer than every source, which is what "up to date" means here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function isStale() {
  if (!existsSync(cli)) return true;
  const built = statSync(cli).mtimeMs;
  const inputs = [
    join(root, 'tsconfig.json'),
    join(root, 'package.json'),
    join(root, 'scripts', 'build.mjs'),
  ].map((f) => statSync(f).mtimeMs);
  return Math.max(newestSource(join(root, 'src')), ...inputs) > built;
}

if (isStale()) {
  process.stderr.write('Building sso-failover (sources changed since the last build)…\n');
  // The same build as `npm run build`: tsc's type check and modules, then the bundled dist/cli.js.
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) {
    process.stderr.write('sso-failover: the build failed (above); fix it, then run `npm start` again.\n');
    process.exit(built.status ?? 1);
  }
}
// The CLI reads its own path from argv[1] (e.g. to print a resume command that works): it is dist/cli.js.
process.argv = [process.execPath, cli, 'drill', ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
