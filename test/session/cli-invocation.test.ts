import { describe, expect, it } from 'vitest';
import { cliCommandLine, cliInvocation, type InvocationContext } from '../../src/session/cli-invocation.js';

/** A file system of symlinks, as `realpath` sees it: link → target; other listed paths are real files. */
function context(over: Partial<InvocationContext> & { files?: Record<string, string> }): InvocationContext {
  const files = over.files ?? {};
  return {
    script: '/home/op/sso-failover/dist/cli.js',
    env: { PATH: '/usr/bin:/bin' },
    cwd: '/home/op/sso-failover',
    platform: 'linux',
    realpath: (path) => files[path] ?? (path === over.script || path in files ? path : undefined),
    ...over,
  };
}

describe('the command line that starts this tool again, as the operator started it', () => {
  it('is `npx sso-failover` when started with npx (npm exec runs the bin link)', () => {
    const script = '/root/.npm/_npx/fad87c3f62eb2cfa/node_modules/.bin/sso-failover';
    expect(cliInvocation(context({ script, env: { npm_lifecycle_event: 'npx', PATH: '' } }))).toEqual([
      'npx',
      'sso-failover',
    ]);
  });

  it('is not npx for a process that only inherited the variables of npx (a test runner started with npx)', () => {
    expect(cliInvocation(context({ env: { npm_lifecycle_event: 'npx', PATH: '' } }))).toEqual([
      'node',
      'dist/cli.js',
    ]);
  });

  it('is `node dist/cli.js` from the package folder (the README quick start, `node dist/cli.js drill`)', () => {
    expect(cliInvocation(context({}))).toEqual(['node', 'dist/cli.js']);
  });

  it('after `npm start` from a subfolder, the path is relative to where the operator typed it (INIT_CWD)', () => {
    const ctx = context({
      env: { npm_lifecycle_event: 'start', INIT_CWD: '/home/op/sso-failover/docs', PATH: '' },
    });
    expect(cliInvocation(ctx)).toEqual(['node', '../dist/cli.js']);
  });

  it('is the bare name when a `sso-failover` on PATH is this very file (a global install)', () => {
    const script = '/usr/lib/node_modules/sso-failover/dist/cli.js';
    const ctx = context({
      script: '/usr/bin/sso-failover',
      cwd: '/tmp',
      files: { '/usr/bin/sso-failover': script, [script]: script },
    });
    expect(cliInvocation(ctx)).toEqual(['sso-failover']);
  });

  it('is not the bare name when the `sso-failover` on PATH is another copy', () => {
    const ctx = context({
      cwd: '/home/op/sso-failover',
      files: { '/usr/bin/sso-failover': '/usr/lib/node_modules/sso-failover/dist/cli.js' },
    });
    expect(cliInvocation(ctx)).toEqual(['node', 'dist/cli.js']);
  });

  it('names the offline bundle by its path, absolute when it is far from the operator', () => {
    const ctx = context({ script: '/opt/tools/bundle/sso-failover.mjs', cwd: '/home/op/incidents/inc42' });
    expect(cliCommandLine(['runs'], ctx)).toBe('node /opt/tools/bundle/sso-failover.mjs runs');
  });

  it('quotes paths with spaces for the shell', () => {
    const ctx = context({ script: '/home/op/my tools/dist/cli.js', cwd: '/home/op/my tools' });
    expect(cliCommandLine(['resume', 'r1', '--state-dir', '/home/op/state dir'], ctx)).toBe(
      "node dist/cli.js resume r1 --state-dir '/home/op/state dir'",
    );
  });

  it('on Windows: the global npm shim beside node_modules\\sso-failover is recognised; paths use cmd quoting', () => {
    const prefix = 'C:\\Users\\op\\AppData\\Roaming\\npm';
    const script = `${prefix}\\node_modules\\sso-failover\\dist\\cli.js`;
    const global = context({
      platform: 'win32',
      script,
      cwd: 'C:\\Users\\op',
      env: { Path: `C:\\Windows;${prefix}` },
      files: { [`${prefix}\\sso-failover.cmd`]: `${prefix}\\sso-failover.cmd`, [script]: script },
    });
    expect(cliInvocation(global)).toEqual(['sso-failover']);
    const local = context({
      platform: 'win32',
      script: 'C:\\Program Files\\sso\\dist\\cli.js',
      cwd: 'C:\\Program Files\\sso',
      env: { Path: 'C:\\Windows' },
    });
    expect(cliCommandLine(['resume', 'r1'], local)).toBe('node dist\\cli.js resume r1');
  });
});
