import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { checkJournal } from '../../src/journal/check-journal.js';
import { openJournal } from '../../src/journal/journal.js';
import { readSeal, sealFileFor, writeSeal } from '../../src/journal/journal-seal.js';

// step-finished is a record the journal fsyncs, so each append moves the seal.
const durable = (n: number) =>
  ({ type: 'step-finished', stepId: `s${n}`, durationMs: n, at: '2026-12-01T10:00:00.000Z' }) as EngineEvent;

describe('the journal seal', () => {
  it('moves with every durable record, rewritten in place after the first (no new file per record)', () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'sso-seal-')), 'run');
    const journal = openJournal(runDir);
    journal.append(durable(0));
    const first = statSync(sealFileFor(runDir));
    for (let n = 1; n < 5; n += 1) {
      journal.append(durable(n));
      const seal = readSeal(runDir);
      expect(seal).toMatchObject({ records: n + 1 });
      expect(statSync(sealFileFor(runDir)).ino).toBe(first.ino);
      expect(statSync(sealFileFor(runDir)).size).toBe(first.size);
    }
    journal.close();
    expect(checkJournal(runDir).ok).toBe(true);
  });

  it('accepts a seal that lags the journal (the OS had not written it back before a power loss)', () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'sso-seal-')), 'run');
    const journal = openJournal(runDir);
    for (let n = 0; n < 4; n += 1) journal.append(durable(n));
    journal.close();
    const records = readFileSync(join(runDir, 'journal.ndjson'), 'utf8').trimEnd().split('\n');
    const second = JSON.parse(records[1] ?? '{}') as { hash: string };
    writeSeal(runDir, { records: 2, hash: second.hash });
    expect(checkJournal(runDir).ok).toBe(true);
    // …and the journal goes on from there, its seal catching up.
    const resumed = openJournal(runDir);
    resumed.append(durable(4));
    resumed.close();
    expect(readSeal(runDir)).toMatchObject({ records: 5 });
  });

  it('goes on from a seal in the earlier, unpadded format', () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'sso-seal-')), 'run');
    const journal = openJournal(runDir);
    journal.append(durable(0));
    journal.close();
    const seal = readSeal(runDir);
    writeFileSync(sealFileFor(runDir), JSON.stringify(seal));
    const resumed = openJournal(runDir);
    resumed.append(durable(1));
    resumed.append(durable(2));
    resumed.close();
    expect(readSeal(runDir)).toMatchObject({ records: 3 });
    expect(checkJournal(runDir).ok).toBe(true);
  });
});
