import { describe, expect, it } from 'vitest';
import { describeExpect, describePattern } from '../../src/runbook/describe-check.js';

describe('expectations in words', () => {
  it('says a pattern that is text with flexible spacing as that text', () => {
    expect(describePattern('SSO secret server name\\s*:\\s*BTS01')).toBe('"SSO secret server name : BTS01"');
    expect(describePattern('\\(C\\)\\s+\\S+')).toBe('"(C) <a name>"');
    expect(describePattern('[0-9a-f]{64}')).toBe('"<a SHA-256>"');
  });

  it('keeps a real regular expression as one', () => {
    expect(describePattern('SSO01|BTS01')).toBe('/SSO01|BTS01/');
    expect(describePattern('^ok$')).toBe('/^ok$/');
  });

  it('describes a command check without regex syntax where none is needed', () => {
    expect(describeExpect({ exitCode: 0, stdout: 'The operation completed successfully' })).toBe(
      'exit code 0, output showing "The operation completed successfully"',
    );
  });
});
