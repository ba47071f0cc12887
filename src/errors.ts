import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * An error the operator can act on: a one-line message that says what happened and what to do.
 * cli.ts prints `message` alone (no stack) and exits with `exitCode`.
 */
export class OperatorError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.invalidInput) {
    super(message);
    this.name = 'OperatorError';
    this.exitCode = exitCode;
  }
}

/** Bad input: arguments, files, answers. Exit 2. */
export class InvalidInputError extends OperatorError {
  constructor(message: string) {
    super(message, ExitCode.invalidInput);
    this.name = 'InvalidInputError';
  }
}

/** The operator canceled (Ctrl+C at a prompt, or a signal). */
export class CanceledError extends OperatorError {
  readonly signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP';
  constructor(message: string, signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' = 'SIGINT') {
    super(message, signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.canceled);
    this.name = 'CanceledError';
    this.signal = signal;
  }
}
