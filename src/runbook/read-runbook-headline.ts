import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What `list` shows of a runbook. */
export type RunbookHeadline = { id: string; title: string; rto: string; steps: number };

type HeadlineCache = Record<string, RunbookHeadline>;

type JsYaml = typeof import('js-yaml');

function headlineOf(yaml: JsYaml, text: string): RunbookHeadline | undefined {
  try {
    const doc = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown> | null;
    const { id, title, rto, steps } = doc ?? {};
    if (
      typeof id !== 'string' ||
      typeof title !== 'string' ||
      typeof rto !== 'string' ||
      !Array.isArray(steps)
    )
      return undefined;
    return { id, title, rto, steps: steps.length };
  } catch {
    return undefined;
  }
}

function readCache(file: string): HeadlineCache {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HeadlineCache;
  } catch {
    return {};
  }
}

/**
 * Runbooks' ids, titles, RTOs and step counts, read without validating every step (`run`, `plan` and `lint`
 * always validate the whole file): parsing seven runbooks costs a command ~70 ms and the schema ~100 ms more,
 * while `list` only names them. Headlines are kept in `cacheFile` by the SHA-256 of the file's text, so an
 * unchanged runbook is not parsed again. Undefined for a file without even a headline (or not YAML): the
 * caller validates it fully to say why. A cache that cannot be read or written is simply not used.
 */
export async function readRunbookHeadlines(
  files: readonly string[],
  cacheFile: string,
): Promise<(RunbookHeadline | undefined)[]> {
  const cache = readCache(cacheFile);
  const fresh: HeadlineCache = {};
  // The YAML parser is loaded only when some runbook is not in the cache.
  let yaml: JsYaml | undefined;
  const headlines: (RunbookHeadline | undefined)[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      headlines.push(undefined);
      continue;
    }
    const hash = createHash('sha256').update(text).digest('hex');
    let headline = cache[hash];
    if (!headline) {
      yaml ??= await import('js-yaml');
      headline = headlineOf(yaml, text);
    }
    if (headline) fresh[hash] = headline;
    headlines.push(headline);
  }
  if (
    Object.keys(fresh).some((hash) => !cache[hash]) ||
    Object.keys(cache).length !== Object.keys(fresh).length
  ) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(fresh), { mode: 0o600 });
      renameSync(temporary, cacheFile);
    } catch {
      // a read-only state folder: list still works, only slower
    }
  }
  return headlines;
}
