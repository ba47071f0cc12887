// `npm run bundle`: one self-contained file, dist/bundle/sso-failover.mjs, that runs with plain `node` and
// no node_modules (everything but the lab, whose native SQLite module cannot be bundled), next to a copy of
// the runbooks. For jump hosts without npm access: copy the folder, run `node sso-failover.mjs …`.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const out = new URL('dist/bundle/', root);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

rmSync(out, { recursive: true, force: true });
await build({
  // fileURLToPath, not .pathname: on Windows that is /C:/…, and anywhere a space is %20.
  entryPoints: [fileURLToPath(new URL('src/cli.ts', root))],
  outfile: fileURLToPath(new URL('sso-failover.mjs', out)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native modules stay outside: the lab loads better-sqlite3 only when asked, and says so when it is missing.
  external: ['better-sqlite3', 'node-pty'],
  define: { __SSO_FAILOVER_VERSION__: JSON.stringify(version), __SSO_FAILOVER_BUNDLED__: 'true' },
  // Some dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync(new URL('runbooks/', root), new URL('runbooks/', out), { recursive: true });
console.log(`wrote dist/bundle/sso-failover.mjs (${version}) and dist/bundle/runbooks/`);
