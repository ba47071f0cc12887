import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restrictToOwner } from '../../src/session/restrict-to-owner.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for icacls.exe: records its arguments (one JSON array a line) and answers as told. */
function createIcaclsStandIn(reply: { stdout: string; exitCode: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'sso-icacls-'));
  dirs.push(dir);
  const program = join(dir, 'icacls');
  const log = join(dir, 'calls.ndjson');
  writeFileSync(
    program,
    [
      '#!/usr/bin/env node',
      `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');`,
      `process.stdout.write(${JSON.stringify(reply.stdout)});`,
      `process.exit(${reply.exitCode});`,
    ].join('\n'),
  );
  chmodSync(program, 0o755);
  const calls = () =>
    readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
  return { program, calls };
}

describe('restrictToOwner', () => {
  it('on Windows removes inherited entries and grants the operator alone, inherited by everything below', async () => {
    const icacls = createIcaclsStandIn({
      stdout: 'processed file: C:\\state\r\nSuccessfully processed 1 files\r\n',
      exitCode: 0,
    });
    const warning = await restrictToOwner(
      'C:\\Users\\alice\\AppData\\Local\\sso-failover',
      { os: 'windows', taskkill: 'taskkill', icacls: icacls.program },
      'CONTOSO\\alice',
    );
    expect(warning).toBeUndefined();
    expect(icacls.calls()).toEqual([
      [
        'C:\\Users\\alice\\AppData\\Local\\sso-failover',
        '/inheritance:r',
        '/grant:r',
        'CONTOSO\\alice:(OI)(CI)F',
      ],
    ]);
  });

  it('says so in one line, with how to check, when icacls fails', async () => {
    const icacls = createIcaclsStandIn({
      stdout: 'C:\\state: Access is denied.\r\nFailed processing 1 files\r\n',
      exitCode: 5,
    });
    const warning = await restrictToOwner(
      'C:\\state',
      { os: 'windows', taskkill: 'taskkill', icacls: icacls.program },
      'CONTOSO\\alice',
    );
    expect(warning).toBe(
      'Could not make C:\\state readable by CONTOSO\\alice alone (icacls: Failed processing 1 files); other users of this computer may read its journals and reports. Check with: icacls "C:\\state"',
    );
  });

  it('does nothing on POSIX, where every file is already created owner-only', async () => {
    expect(
      await restrictToOwner('/tmp/x', { os: 'posix', taskkill: 'taskkill', icacls: '/nonexistent' }),
    ).toBeUndefined();
  });
});
