import type { ExecResult } from '../engine/ports.js';

/** A command that could not run at all: the reason is the error, shown to the operator as it is. */
export function failedResult(error: string, durationMs = 0): ExecResult {
  return {
    ok: false,
    exitCode: null,
    stdout: '',
    stderr: error,
    durationMs,
    timedOut: false,
    canceled: false,
    error,
  };
}
