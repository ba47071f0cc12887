import type { Operator, OperatorMessage } from '../engine/ports.js';
import { OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { resolve } from 'node:path';
import { acquireLock, breakStaleLock, lockFileFor } from '../journal/lock.js';

/**
 * Take the environment's lock, or refuse with who holds it. A stale lock (its process is gone) is
 * taken over only when the operator confirms.
 */
export async function holdEnvironmentLock(options: {
  stateDir: string;
  /** where the lock lives when not in the state folder: the lab folder, or the environment's lockDir (a share) */
  lockBase?: string;
  environment: string;
  runId: string;
  /** what is locked, when the environment name alone does not say (each lab folder is its own deployment) */
  lockKey?: string;
  operator: Operator;
  show: (message: OperatorMessage) => void;
}): Promise<{ release: () => void }> {
  const file = lockFileFor(options.lockBase ?? options.stateDir, options.lockKey ?? options.environment);
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = acquireLock(file, options.runId, resolve(options.stateDir));
    if (result.acquired) return result;
    const holder = result.holder;
    const who = holder
      ? `${holder.user}@${holder.host} (pid ${holder.pid}, run ${holder.runId}${holder.stateDir ? ` in ${holder.stateDir}` : ''}) since ${holder.since}`
      : 'an unknown process';
    if (!result.stale) {
      const watch = holder?.stateDir
        ? ` Watch that run on ${holder.host} with \`sso-failover watch ${holder.runId} --state-dir ${holder.stateDir}\`.`
        : '';
      throw new OperatorError(
        `environment "${options.environment}" is locked by ${who}: one failover at a time. Talk to them; if that run is really gone, remove ${file}.${watch}`,
        ExitCode.failed,
      );
    }
    options.show({
      kind: 'warning',
      text: `Environment "${options.environment}" has a stale lock from ${who}: that process is gone.`,
    });
    const takeOver = await options.operator.confirm({
      stepId: 'take-over-stale-lock',
      message: 'Take over the stale lock?',
      destructive: true,
    });
    if (!takeOver)
      throw new OperatorError(`left the stale lock of ${who} in place; nothing was run.`, ExitCode.failed);
    breakStaleLock(file, result.content);
  }
  throw new OperatorError(
    `could not take the lock ${file}: another run took it first. Try again.`,
    ExitCode.failed,
  );
}
