import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, posix, win32 } from 'node:path';
import { quotePosix, quoteWindows } from '../transports/quote.js';

/** What decides how the operator started this tool: injected in tests, read from the process otherwise. */
export type InvocationContext = {
  /** process.argv[1]: the script node ran (a symlinked bin keeps its own path) */
  script: string;
  env: Readonly<Record<string, string | undefined>>;
  /** the operator's folder */
  cwd: string;
  platform: NodeJS.Platform;
  /** the real file behind a path, or undefined when it does not exist */
  realpath?: (path: string) => string | undefined;
};

const NAME = 'sso-failover';

/**
 * The words that start this tool again from the operator's folder, the way it was started this time:
 * `npx sso-failover` (npx / npm exec), `sso-failover` (a bin on PATH that is this very file),
 * otherwise `node <script>` (npm start, `node dist/cli.js`, the offline bundle) with the script's path
 * relative to the operator's folder. A hint built on this can be copied and run as printed.
 */
export function cliInvocation(context: InvocationContext = processContext()): string[] {
  const { env } = context;
  const paths = pathsFor(context);
  // npx runs the package's bin link (node_modules/.bin/sso-failover); the variable alone is inherited
  // by everything npx starts, a test runner's children included.
  const viaBinLink =
    paths.basename(context.script) === NAME && context.script.includes(`node_modules${paths.sep}.bin`);
  if (env.npm_lifecycle_event === 'npx' && viaBinLink) return ['npx', NAME];
  const real = context.realpath ?? realpathOrUndefined;
  const script = real(context.script) ?? context.script;
  if (isOnPath(context, script, real)) return [NAME];
  // An npm script (npm start) runs in the package folder; INIT_CWD is where the operator typed it.
  const packageRoot = paths.dirname(paths.dirname(context.script));
  const fromNpmScript =
    env.INIT_CWD &&
    env.npm_lifecycle_event &&
    env.npm_lifecycle_event !== 'npx' &&
    context.cwd === packageRoot;
  const from = fromNpmScript ? env.INIT_CWD! : context.cwd;
  const path = paths.relative(from, context.script);
  // A path that climbs out of two folders is harder to read than the absolute one.
  const shown =
    path && !paths.isAbsolute(path) && !path.startsWith(`..${paths.sep}..`) ? path : context.script;
  return ['node', shown];
}

/** A command line that runs `sso-failover <args>` from the operator's folder, quoted for their shell. */
export function cliCommandLine(
  args: readonly string[],
  context: InvocationContext = processContext(),
): string {
  const argv = [...cliInvocation(context), ...args];
  return context.platform === 'win32' ? quoteWindows(argv) : quotePosix(argv);
}

function isOnPath(
  context: InvocationContext,
  script: string,
  real: (path: string) => string | undefined,
): boolean {
  const { join, delimiter } = pathsFor(context);
  const dirs = (context.env.PATH ?? context.env.Path ?? '').split(delimiter);
  for (const dir of dirs.filter(Boolean)) {
    if (real(join(dir, NAME)) === script) return true;
    // npm's Windows shims (sso-failover.cmd) sit beside node_modules/sso-failover of the same prefix.
    if (
      context.platform === 'win32' &&
      real(join(dir, `${NAME}.cmd`)) !== undefined &&
      real(join(dir, 'node_modules', NAME, 'dist', 'cli.js')) === script
    )
      return true;
  }
  return false;
}

/** Windows paths are handled as Windows paths even when the tests run on Linux. */
function pathsFor(context: InvocationContext): typeof posix {
  return context.platform === 'win32' ? win32 : posix;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return existsSync(path) ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function processContext(): InvocationContext {
  return {
    script: process.argv[1] ?? join(dirname(process.execPath), NAME),
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
  };
}
