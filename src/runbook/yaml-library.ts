import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

/**
 * The `yaml` library (positions for problems, and writing YAML), loaded on first need: a valid file never
 * needs it, and loading it costs a command ~45 ms. It ships CommonJS, so a synchronous require keeps its
 * callers synchronous. The offline bundle has a module-level `require` and esbuild bundles the literal
 * `require('yaml')` below; run from dist/, there is no `require` and Node resolves it from node_modules.
 */
export function yamlLibrary(): typeof import('yaml') {
  loaded ??= (
    typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')
  ) as typeof import('yaml');
  return loaded;
}
