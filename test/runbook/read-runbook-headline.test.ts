import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { readRunbookHeadlines } from '../../src/runbook/read-runbook-headline.js';
import { listShippedRunbookFiles } from '../../src/runbook/shipped-runbooks.js';
import { makeTempDir } from '../support/run-cli.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('runbook headlines for `list`', () => {
  it('match what full validation reads from every shipped runbook', async () => {
    const files = listShippedRunbookFiles();
    const headlines = await readRunbookHeadlines(files, join(makeTempDir(), 'cache.json'));
    expect(headlines).toEqual(
      files.map((file) => {
        const { id, title, rto, steps } = parseRunbookFile(file).value!;
        return { id, title, rto, steps: steps.length };
      }),
    );
  });

  it('reuse a cached headline while the file is unchanged, and read it again once it changes', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'r.yaml');
    const cacheFile = join(dir, 'cache', 'headlines.json');
    const text = 'id: r\ntitle: First\nrto: 5m\nsteps:\n  - id: a\n';
    writeFileSync(file, text);
    expect(await readRunbookHeadlines([file], cacheFile)).toEqual([
      { id: 'r', title: 'First', rto: '5m', steps: 1 },
    ]);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toHaveProperty(sha256(text));
    // A cache entry for this exact text is used as it is: the file is not parsed again.
    writeFileSync(
      cacheFile,
      JSON.stringify({ [sha256(text)]: { id: 'r', title: 'Cached', rto: '5m', steps: 1 } }),
    );
    expect((await readRunbookHeadlines([file], cacheFile))[0]?.title).toBe('Cached');
    writeFileSync(file, text.replace('First', 'Second'));
    expect((await readRunbookHeadlines([file], cacheFile))[0]?.title).toBe('Second');
  });

  it('give nothing for a file without a headline, so list validates it to say why', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'title: no id\nsteps: [\n');
    expect(await readRunbookHeadlines([file], join(dir, 'cache.json'))).toEqual([undefined]);
  });

  it('still answer when the cache cannot be written', async () => {
    const dir = makeTempDir();
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    const [headline] = await readRunbookHeadlines(
      listShippedRunbookFiles().slice(0, 1),
      join(locked, 'c', 'x.json'),
    );
    expect(headline?.id).toBe('back-up-master-secret');
    if (process.getuid?.() !== 0) expect(existsSync(join(locked, 'c'))).toBe(false);
  });
});
