import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Probe } from '../../src/engine/ports.js';
import { createLocalTransport, writeAtomically } from '../../src/transports/local.js';

const dirs: string[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function createTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sso-local-'));
  dirs.push(dir);
  return dir;
}

async function listen(): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('local transport: exec', () => {
  const transport = createLocalTransport();

  it('runs argv as a real process and returns its exit code as a value', async () => {
    const result = await transport.exec('localhost', ['sh', '-c', 'echo "$0 $1"; exit 4', 'a b', 'c']);
    expect(result).toMatchObject({ ok: false, exitCode: 4, stdout: 'a b c\n' });
  });

  it('describes and renders commands the way they would be typed here', () => {
    expect(transport.describe('localhost')).toBe('this computer');
    expect(transport.render('localhost', ['rm', '-f', '/tmp/a b'])).toBe("rm -f '/tmp/a b'");
  });
});

describe('writeAtomically', () => {
  it('writes the content, creating missing folders, readable only by the owner', async () => {
    const file = join(createTempDir(), 'deep', 'er', 'config.xml');
    const result = await writeAtomically(file, '<sso/>');
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(readFileSync(file, 'utf8')).toBe('<sso/>');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..'))).toEqual(['config.xml']);
  });

  it('replaces a file by rename, so a reader of the old file never sees it half-written', async () => {
    const file = join(createTempDir(), 'backup.bak');
    writeFileSync(file, 'old content');
    // A reader that opened the file before the write keeps the old inode, whole: the new content went to
    // another file that was renamed over it. An in-place write (O_TRUNC) would show this reader new bytes.
    const reader = openSync(file, 'r');
    try {
      expect((await writeAtomically(file, 'new content, longer than the old')).ok).toBe(true);
      expect(readFileSync(reader, 'utf8')).toBe('old content');
    } finally {
      closeSync(reader);
    }
    expect(readFileSync(file, 'utf8')).toBe('new content, longer than the old');
    expect(readdirSync(join(file, '..'))).toEqual(['backup.bak']);
  });

  it('returns a failure as a value, with the reason, when the folder cannot be created', async () => {
    const dir = createTempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const result = await writeAtomically(join(dir, 'not-a-folder', 'x.txt'), 'content');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/could not write .*not-a-folder\/x\.txt: .*(ENOTDIR|EEXIST)/);
  });

  it('leaves no temporary file behind when the rename fails', async () => {
    const dir = createTempDir();
    mkdirSync(join(dir, 'target-is-a-folder'));
    const result = await writeAtomically(join(dir, 'target-is-a-folder'), 'content');
    expect(result.ok).toBe(false);
    expect(readdirSync(dir)).toEqual(['target-is-a-folder']);
  });
});

describe('local transport: probes', () => {
  const transport = createLocalTransport();
  const probe = (p: Probe) => transport.probe('localhost', p);

  it('sees that a file exists, with its size', async () => {
    const file = join(createTempDir(), 'ssodb.bak');
    writeFileSync(file, '12345');
    expect(await probe({ kind: 'file', path: file, exists: true })).toEqual({
      ok: true,
      observed: `${file} exists (5 bytes)`,
    });
    expect(await probe({ kind: 'file', path: file, exists: false })).toEqual({
      ok: false,
      observed: `${file} exists`,
    });
  });

  it('sees that a file is missing', async () => {
    const file = join(createTempDir(), 'missing.bak');
    expect(await probe({ kind: 'file', path: file, exists: true })).toEqual({
      ok: false,
      observed: `${file} does not exist`,
    });
    expect((await probe({ kind: 'file', path: file, exists: false })).ok).toBe(true);
  });

  it('refuses a file older than maxAge', async () => {
    const file = join(createTempDir(), 'old.bak');
    writeFileSync(file, 'x');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(file, hourAgo, hourAgo);
    const result = await probe({ kind: 'file', path: file, exists: true, maxAgeSec: 60 });
    expect(result.ok).toBe(false);
    expect(result.observed).toMatch(/is 36\d\ds old \(limit 60s\)/);
    expect((await probe({ kind: 'file', path: file, exists: true, maxAgeSec: 7200 })).ok).toBe(true);
  });

  it('compares the sha256 of a file, in either case', async () => {
    const file = join(createTempDir(), 'secret.bak');
    writeFileSync(file, 'master secret backup');
    const digest = createHash('sha256').update('master secret backup').digest('hex');
    expect((await probe({ kind: 'file', path: file, exists: true, sha256: digest.toUpperCase() })).ok).toBe(
      true,
    );
    const wrong = await probe({ kind: 'file', path: file, exists: true, sha256: '0'.repeat(64) });
    expect(wrong).toEqual({ ok: false, observed: `${file} has sha256 ${digest}` });
  });

  it('sees a port that accepts connections', async () => {
    const port = await listen();
    expect(await probe({ kind: 'port', host: '127.0.0.1', port })).toEqual({
      ok: true,
      observed: `127.0.0.1:${port} accepted a connection`,
    });
  });

  it('sees a port that refuses connections', async () => {
    const port = await listen();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await probe({ kind: 'port', host: '127.0.0.1', port })).toEqual({
      ok: false,
      observed: `127.0.0.1:${port} refused: ECONNREFUSED`,
    });
  });

  it('says which probes need a Windows host instead of guessing, and answers a service check itself', async () => {
    const windowsOnly: Probe[] = [
      { kind: 'registry', key: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO', exists: true },
      { kind: 'event', ids: [10540], source: 'ENTSSO', sinceMs: 0, present: true },
    ];
    for (const p of windowsOnly) {
      const result = await probe(p);
      expect(result.ok).toBe(false);
      expect(result.observed).toBe(
        `${p.kind} checks read the Windows ${p.kind === 'event' ? 'event log' : 'registry'}; this computer runs ${process.platform}. Use a run: check instead (e.g. journalctl)`,
      );
    }
    expect(await probe({ kind: 'service', name: 'ENTSSO', state: 'running' })).toMatchObject({
      ok: false,
      observed: expect.stringMatching(/^ENTSSO is not installed on /),
    });
  });
});
