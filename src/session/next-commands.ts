import { resolve } from 'node:path';
import { defaultStateDir } from '../journal/state-dir.js';
import { cliCommandLine } from './cli-invocation.js';

/** How a run was started, as far as resuming it needs to know. */
export type ResumeContext = {
  /** the state folder the run lives in */
  stateDir: string;
  /** a drill answered by the autopilot resumes with the autopilot */
  autopilot?: boolean;
  /** a drill whose lab tools ran as processes keeps doing so */
  labTransport?: string;
};

/**
 * The resume command for a run, as it works when copied from the screen into the operator's terminal:
 * the same way of starting the tool, `--state-dir` unless the run lives in the default folder (also
 * when it came from SSO_FAILOVER_STATE_DIR: a new terminal may not have it), `--autopilot` for an
 * autopilot drill.
 */
export function resumeCommandLine(runId: string, context: ResumeContext): string {
  const args = ['resume', runId];
  if (resolve(context.stateDir) !== resolve(defaultStateDir()))
    args.push('--state-dir', resolve(context.stateDir));
  if (context.autopilot) args.push('--autopilot');
  if (context.labTransport === 'process') args.push('--lab-transport', 'process');
  return cliCommandLine(args);
}

/** `--state-dir <absolute>` unless the folder is the default one a new terminal finds by itself. */
export function stateDirArgs(stateDir: string): string[] {
  return resolve(stateDir) === resolve(defaultStateDir()) ? [] : ['--state-dir', resolve(stateDir)];
}

/** Another command about the runs in this state folder (`runs`, `report <id>`), as it works when copied. */
export function stateCommandLine(args: readonly string[], stateDir: string): string {
  return cliCommandLine([...args, ...stateDirArgs(stateDir)]);
}
