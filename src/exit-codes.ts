/** Every exit code the CLI uses, named in one place. */
export const ExitCode = {
  ok: 0,
  /** a step failed, the operator aborted, or a drill's grade did not pass */
  failed: 1,
  /** bad arguments, a bad runbook or environment, a missing answer, no TTY */
  invalidInput: 2,
  /** Ctrl+C (SIGINT) */
  canceled: 130,
  /** SIGHUP (terminal closed, SSH dropped) */
  hangup: 129,
  /** SIGTERM */
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
