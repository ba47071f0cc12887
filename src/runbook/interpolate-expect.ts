import type { Variables } from './interpolate.js';
import { interpolatePattern } from './interpolate-pattern.js';
import type { Expect } from './schema.js';

/** An expectation with its variables in: each pattern gets values as literal text (interpolatePattern). */
export function interpolateExpect(expect: Expect, variables: Variables): Expect {
  const put = (pattern: string | undefined) =>
    pattern === undefined ? {} : { value: interpolatePattern(pattern, variables) };
  const stdout = put(expect.stdout);
  const stderr = put(expect.stderr);
  const notStdout = put(expect.notStdout);
  return {
    ...expect,
    ...('value' in stdout ? { stdout: stdout.value } : {}),
    ...('value' in stderr ? { stderr: stderr.value } : {}),
    ...('value' in notStdout ? { notStdout: notStdout.value } : {}),
  };
}
