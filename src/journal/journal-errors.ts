import { OperatorError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

/**
 * A record could not be made durable (disk full, file size limit, read-only folder). The run stops
 * here: an intent that is not on disk must not be followed by its action.
 */
export class JournalWriteError extends OperatorError {
  constructor(file: string, eventType: string, cause: string) {
    super(
      `could not write the ${eventType} record to ${file} (${cause}); the run stopped there${eventType === 'action-started' ? ', before that action started' : ''}. Free space or fix the folder, then continue with \`sso-failover resume\`.`,
      ExitCode.failed,
    );
    this.name = 'JournalWriteError';
  }
}

/** The journal's hash chain or seal does not hold: resuming from it could repeat or skip actions. */
export class JournalDamagedError extends OperatorError {
  constructor(file: string, line: number, problem: string) {
    super(
      `${file}:${line}: ${problem}. Resuming from a damaged journal could repeat or skip actions: keep the file as evidence, check the environment by hand (\`sso-failover report\` shows what the journal says) and start a new run.`,
      ExitCode.failed,
    );
    this.name = 'JournalDamagedError';
  }
}
