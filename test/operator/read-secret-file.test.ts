import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAnswerValue } from '../../src/operator/answers-file.js';
import { readSecretFile } from '../../src/operator/read-secret-file.js';
import { encodeAsWindows } from '../support/windows-encodings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sso-secret-file-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const password = 'Pässw0rd!§';

describe('readSecretFile', () => {
  it.each(['utf-16le', 'utf-16be', 'utf-8-bom'] as const)(
    'reads a password saved as %s with a BOM and CRLF exactly',
    async (encoding) => {
      expect(await readSecretFile(file('pw.txt', encodeAsWindows(`${password}\n`, encoding)))).toBe(password);
    },
  );

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-secret-fifo-'));
    dirs.push(dir);
    const fifo = join(dir, 'pw.fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readSecretFile(fifo)).rejects.toThrow(
      'it is not a regular file (a pipe, a device or a folder)',
    );
  }, 10_000);

  it('refuses /dev/zero instead of reading it until memory runs out', async () => {
    await expect(readSecretFile('/dev/zero')).rejects.toThrow('it is not a regular file');
  }, 10_000);

  it('refuses a file larger than a password', async () => {
    await expect(readSecretFile(file('big.txt', 'x'.repeat(70_000)))).rejects.toThrow(
      "it holds 70000 bytes, more than a password's 65536",
    );
  });

  it.each([
    [
      'a NUL byte in UTF-8',
      Buffer.from('pass\0word'),
      'it holds NUL bytes, as UTF-16 without a byte order mark does',
    ],
    ['a NUL character in UTF-16', encodeAsWindows('pass\0word', 'utf-16le'), 'it contains a NUL character'],
    ['U+FFFD', Buffer.from('pass\uFFFDword'), 'it contains U+FFFD'],
    [
      'a second BOM after the first',
      encodeAsWindows('\uFEFFpassword', 'utf-16le'),
      'it starts with a byte order mark',
    ],
    ['bytes of an ANSI code page', Buffer.from('p\xe4ss', 'latin1'), 'it is not valid UTF-8 text'],
  ])('refuses a password holding %s', async (_, content, message) => {
    await expect(readSecretFile(file('pw.txt', content))).rejects.toThrow(message);
  });
});

describe('an answers-file value from { file: … }', () => {
  it('is refused in one line that names the key and what to do, never passed on garbled', async () => {
    const path = file('pw.txt', Buffer.from('pass\0word'));
    const error = await resolveAnswerValue('backupPassword', { file: path }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `answer for backupPassword comes from file ${path}, which was not used: it holds NUL bytes, as UTF-16 without a byte order mark does: save it as UTF-8 (PowerShell 5.1: Set-Content -Encoding UTF8, or Out-File -Encoding utf8; Notepad: Save as, Encoding UTF-8). Point it at a regular file holding only the value, saved as UTF-8 or UTF-16 with a BOM.`,
    );
    expect((error as Error).message).not.toContain('\n');
  });
});
