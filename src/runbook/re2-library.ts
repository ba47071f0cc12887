import { createRequire } from 'node:module';

let loaded: typeof import('re2js') | undefined;

/**
 * re2js, loaded on the first pattern: `list`, `--help` and a prompt's first screen need none, and loading
 * it costs a command ~10 ms of CPU (274 KB of code). Synchronous like `yamlLibrary`, for the same reasons:
 * esbuild bundles the literal `require('re2js')` (its CommonJS build) where the bundle gives a module-level
 * `require`; run from tsc's dist/, Node resolves it from node_modules.
 */
export function re2Library(): typeof import('re2js') {
  loaded ??= (
    typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')
  ) as typeof import('re2js');
  return loaded;
}
