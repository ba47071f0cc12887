import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL server binaries of Debian's postgresql package, if installed. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function findFreePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A primary and its streaming replica on loopback, in a fresh folder. PostgreSQL refuses to run as root, so
 * under root (CI containers) the servers run as the `postgres` user the package creates.
 */
export async function startPrimaryAndReplica(bin: string) {
  const dir = mkdtempSync(join(tmpdir(), 'sso-pg-'));
  chmodSync(dir, 0o777);
  const [primaryPort, replicaPort] = [await findFreePort(), await findFreePort()];
  const asOwner = (program: string, args: string[]) => {
    const argv =
      process.getuid?.() === 0
        ? ['runuser', '-u', 'postgres', '--', join(bin, program), ...args]
        : [join(bin, program), ...args];
    const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (result.status !== 0)
      throw new Error(
        `${program} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`,
      );
    return result.stdout;
  };
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  asOwner('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const settings = (port: number) =>
    `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\nfsync = off\n`;
  writeFileSync(join(primary, 'postgresql.auto.conf'), settings(primaryPort), { flag: 'a' });
  asOwner('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', 'start']);
  asOwner('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    replica,
    '-R',
    '-X',
    'stream',
  ]);
  // The copy carries the primary's settings: only the port differs.
  writeFileSync(join(replica, 'postgresql.auto.conf'), `port = ${replicaPort}\n`, { flag: 'a' });
  asOwner('pg_ctl', ['-D', replica, '-l', join(dir, 'replica.log'), '-w', 'start']);
  return {
    dir,
    primaryPort,
    replicaPort,
    /** the primary dies (immediate shutdown: no checkpoint, as a crash) */
    killPrimary: () => asOwner('pg_ctl', ['-D', primary, '-m', 'immediate', '-w', 'stop']),
    stopAll: () => {
      for (const data of [primary, replica])
        spawnSync(
          process.getuid?.() === 0 ? 'runuser' : join(bin, 'pg_ctl'),
          process.getuid?.() === 0
            ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']
            : ['-D', data, '-m', 'immediate', 'stop'],
        );
    },
    /** one SQL answer from a server, as the runbook's checks read it */
    query: (port: number, sql: string) =>
      spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-XAtc', sql], {
        encoding: 'utf8',
      }).stdout.trim(),
  };
}
