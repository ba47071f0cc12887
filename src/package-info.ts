import { readFileSync } from 'node:fs';

// Set by the offline bundle's build (scripts/bundle.mjs); undefined when running from dist/.
declare const __SSO_FAILOVER_VERSION__: string | undefined;
declare const __SSO_FAILOVER_BUNDLED__: boolean | undefined;

export function isBundled(): boolean {
  return typeof __SSO_FAILOVER_BUNDLED__ !== 'undefined' && __SSO_FAILOVER_BUNDLED__;
}

/** The package version: built into the bundle, read from package.json otherwise. */
export function packageVersion(): string {
  if (typeof __SSO_FAILOVER_VERSION__ === 'string') return __SSO_FAILOVER_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Where the shipped runbooks are: beside the bundle, or at the package root (dist/.. ). */
export function runbooksDirUrl(): URL {
  return isBundled() ? new URL('./runbooks/', import.meta.url) : new URL('../runbooks/', import.meta.url);
}
