import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { openJournal, readJournal } from '../../src/journal/journal.js';
import { verifyJournal } from '../../src/journal/verify-journal.js';
import { makeTempDir, runCli } from '../support/run-cli.js';

const event = (n: number) =>
  ({ type: 'step-finished', stepId: `s${n}`, durationMs: n, at: '2026-11-27T10:00:00.000Z' }) as EngineEvent;

/** A state dir holding one run of `count` records; returns its journal path. */
function writeRun(count: number): { stateDir: string; file: string } {
  const stateDir = makeTempDir('sso-journal-');
  const runDir = join(stateDir, 'runs', 'run-1');
  const journal = openJournal(runDir);
  for (let n = 0; n < count; n++) journal.append(event(n));
  journal.close();
  return { stateDir, file: join(runDir, 'journal.ndjson') };
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
const verify = (stateDir: string) => runCli(['journal', 'verify', 'run-1', '--state-dir', stateDir]);

describe('journal', () => {
  it('appends hash-chained records, readable back, in a file only its owner can read', () => {
    const { file } = writeRun(5);
    const { records } = readJournal(file);
    expect(records.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(verifyJournal(records)).toEqual({ ok: true, records: 5 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('`journal verify` passes an intact journal', () => {
    const { stateDir } = writeRun(4);
    const result = verify(stateDir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('4 records, hash chain intact');
  });

  it('detects an edited record and names its line', () => {
    const { stateDir, file } = writeRun(5);
    writeFileSync(
      file,
      `${lines(file)
        .map((l, i) => (i === 2 ? l.replace('"durationMs":2', '"durationMs":99') : l))
        .join('\n')}\n`,
    );
    const result = verify(stateDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/journal\.ndjson:3: record 2: its content does not match its hash/);
  });

  it('detects a removed record', () => {
    const { stateDir, file } = writeRun(5);
    writeFileSync(
      file,
      `${lines(file)
        .filter((_, i) => i !== 1)
        .join('\n')}\n`,
    );
    const result = verify(stateDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/:2: record 2: .*removed, inserted or moved/);
  });

  it('detects reordered records', () => {
    const { stateDir, file } = writeRun(5);
    const all = lines(file);
    [all[3], all[4]] = [all[4]!, all[3]!];
    writeFileSync(file, `${all.join('\n')}\n`);
    expect(verify(stateDir).stdout).toMatch(/:4: record 4: /);
  });

  it('detects a line that is not a record', () => {
    const { stateDir, file } = writeRun(3);
    writeFileSync(
      file,
      `${lines(file)
        .map((l, i) => (i === 1 ? 'garbage' : l))
        .join('\n')}\n`,
    );
    const result = verify(stateDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(':2: not a journal record');
  });

  it('ignores a torn last line on read and continues the chain from the last whole record', () => {
    const { stateDir, file } = writeRun(3);
    appendFileSync(file, '{"seq":3,"prev":"abc","hash":"de'); // a crash mid-write
    expect(readJournal(file)).toMatchObject({ tornTail: true });
    expect(readJournal(file).records).toHaveLength(3);
    const journal = openJournal(join(stateDir, 'runs', 'run-1'));
    journal.append(event(3));
    journal.close();
    const { records, tornTail } = readJournal(file);
    expect(tornTail).toBe(false);
    expect(verifyJournal(records)).toEqual({ ok: true, records: 4 });
  });

  it('stops at a short write (disk full): the append throws, the journal is cut back to its last whole record, and nothing more is written', () => {
    const stateDir = makeTempDir('sso-journal-');
    const runDir = join(stateDir, 'runs', 'run-1');
    let full = false;
    const journal = openJournal(runDir, {
      write: (fd, buffer, offset, length) => {
        if (!full) return writeSync(fd, buffer, offset, length);
        // The kernel takes part of the record, then reports the disk full.
        if (length > 10) return writeSync(fd, buffer, offset, Math.floor(length / 2));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    journal.append(event(0));
    journal.append(event(1));
    full = true;
    expect(() => journal.append(event(2))).toThrow(
      /could not write the step-finished record .*\(the disk is full\); the run stopped there/,
    );
    full = false;
    expect(() => journal.append(event(3))).toThrow(/the disk is full/);
    journal.close();
    const file = join(runDir, 'journal.ndjson');
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    expect(readJournal(file)).toMatchObject({ tornTail: false, missingNewline: false });
    expect(verify(stateDir).stdout).toContain('2 records, hash chain intact, end matches its seal');
    const reopened = openJournal(runDir);
    reopened.append(event(2));
    reopened.close();
    expect(verifyJournal(readJournal(file).records)).toEqual({ ok: true, records: 3 });
  });

  it('stops when the real file size limit (EFBIG) cuts a record short, leaving a journal that verifies', () => {
    const stateDir = makeTempDir('sso-journal-');
    const runDir = join(stateDir, 'runs', 'run-1');
    const journalModule = join(import.meta.dirname, '../../dist/journal/journal.js');
    const script = `const { openJournal } = await import(${JSON.stringify(journalModule)});
const j = openJournal(${JSON.stringify(runDir)});
let n = 0;
try { for (;;) { j.append({ type: 'step-finished', stepId: 's' + n, durationMs: n, at: '2026-11-27T10:00:00.000Z' }); n++; } }
catch (e) { console.log(n + ' ' + e.name + ' ' + e.message); }`;
    // prlimit sets RLIMIT_FSIZE: the kernel writes up to the limit (a short write), then refuses with EFBIG.
    const result = spawnSync(
      'prlimit',
      ['--fsize=3000', process.execPath, '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toMatch(
      /^\d+ JournalWriteError could not write the step-finished record .*file size limit/,
    );
    const written = Number(result.stdout.split(' ')[0]);
    expect(written).toBeGreaterThan(3);
    expect(verify(stateDir).stdout).toContain(`${written} records, hash chain intact`);
  });

  it('repairs a last record that lost its newline instead of gluing the next record onto it', () => {
    const { stateDir, file } = writeRun(3);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, -1));
    expect(readJournal(file)).toMatchObject({ missingNewline: true, tornTail: false });
    expect(readJournal(file).records).toHaveLength(3);
    expect(verify(stateDir).stdout).toContain('3 records, hash chain intact');
    const journal = openJournal(join(stateDir, 'runs', 'run-1'));
    journal.append(event(3));
    journal.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('\0');
    expect(lines(file)).toHaveLength(4);
    expect(verify(stateDir).status).toBe(0);
  });

  it('detects records cut from the end of a finished run (the seal says more were written)', () => {
    const { stateDir, file } = writeRun(5);
    writeFileSync(file, `${lines(file).slice(0, 3).join('\n')}\n`);
    const result = verify(stateDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /journal\.ndjson:4: the journal ends after record 2 but its seal says 5 records were written: records were cut from its end/,
    );
    expect(() => openJournal(join(stateDir, 'runs', 'run-1'))).toThrow(/cut from its end/);
  });

  it('refuses to append to a journal damaged in the middle', () => {
    const { stateDir, file } = writeRun(3);
    writeFileSync(
      file,
      `${lines(file)
        .map((l, i) => (i === 0 ? '{broken' : l))
        .join('\n')}\n`,
    );
    expect(() => openJournal(join(stateDir, 'runs', 'run-1'))).toThrow(
      /journal\.ndjson:1: not a journal record/,
    );
  });

  it('says what to do for an unknown run', () => {
    const result = runCli(['journal', 'verify', 'nope', '--state-dir', makeTempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    // The command that lists the runs, as it works when copied (this test starts the tool as node <cli.js>).
    expect(result.stderr).toMatch(/list the runs with: node \S+cli\.js runs --state-dir \S+/);
  });
});
