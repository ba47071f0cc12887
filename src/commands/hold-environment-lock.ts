import type { Operator, OperatorMessage } from '../engine/ports.js';
import { OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { acquireLock, breakStaleLock, lockFileFor } from '../journal/lock.js';

/**
 * Take the environment's lock, or refuse with who holds it. A stale lock (its process is gone) is
 * taken over only when the operator confirms.
 */
export async function holdEnvironmentLock(options: {
  stateDir: string;
  environment: string;
  runId: string;
  /** what is locked, when the environment name alone does not say (each lab folder is its own deployment) */
  lockKey?: string;
  operator: Operator;
  show: (message: OperatorMessage) => void;
}): Promise<{ release: () => void }> {
  const file = lockFileFor(options.stateDir, options.lockKey ?? options.environment);
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = acquireLock(file, options.runId);
    if (result.acquired) return result;
    const who = result.holder
      ? `${result.holder.user}@${result.holder.host} (pid ${result.holder.pid}, run ${result.holder.runId}) since ${result.holder.since}`
      : 'an unknown process';
    if (!result.stale) {
      throw new OperatorError(
        `environment "${options.environment}" is locked by ${who}: one failover at a time. Talk to them; if that run is really gone, remove ${file}.`,
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
