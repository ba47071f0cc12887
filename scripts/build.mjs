#!/usr/bin/env node
// `npm run build` (and `npm start` when a source changed): tsc type-checks and emits dist/ module by module
// (what the tests import), then esbuild replaces dist/cli.js with a bundle of the CLI and its dependencies,
// split into chunks at the command table's lazy imports. Node then loads a handful of files to reach a
// prompt instead of ~270 (our ~120 modules, zod's 94, inquirer's ~40): the start-up cost of `run`, `list`
// and `--help` was mostly module resolution and loading.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')],
  {
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const { build } = await import('esbuild');
const result = await build({
  // lab-tool.js: the lab's own entry, started as a process for every lab command of a process-run drill.
  entryPoints: { cli: join(root, 'src/cli.ts'), 'lab-tool': join(root, 'src/lab-tool.ts') },
  outdir: dist,
  // Chunks sit beside cli.js, at the depth of src/'s top-level files, so their `../package.json` and
  // `../runbooks/` (package-info.ts) still name the package root.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native modules load from node_modules: the lab's SQLite only when a lab is opened.
  external: ['better-sqlite3', 'node-pty'],
  define: { __SSO_FAILOVER_CHUNKED__: 'true' },
  // Some dependencies call require(); an ESM chunk has none, so give each one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
  // Kept in memory and put in place file by file below: a CLI already running from dist/ (a drill in
  // another terminal, a test while `npm pack` rebuilds) must never find a chunk missing or half written.
  write: false,
});
// Each file is written beside its place and renamed over it (atomic on one file system). Chunk names carry
// a content hash, so a rebuild of the same sources writes the same names and a running CLI's lazy imports
// still resolve; the chunks of an earlier, different build are removed only after the new ones are in place.
const written = new Set();
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents, { mode: basename(file.path) === 'cli.js' ? 0o755 : 0o644 });
  renameSync(temporary, file.path);
  written.add(basename(file.path));
}
for (const name of readdirSync(dist))
  if ((/^chunk-.*\.js$/.test(name) && !written.has(name)) || name === 'cli.js.map' || name === 'lab-tool.js.map')
    rmSync(join(dist, name));
// The package's bin: npx runs it directly, so it must be executable.
chmodSync(join(dist, 'cli.js'), 0o755);
