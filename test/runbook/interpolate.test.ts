import { describe, expect, it } from 'vitest';
import {
  findVariables,
  interpolateArgv,
  interpolateKnown,
  UnknownVariableError,
} from '../../src/runbook/interpolate.js';
import { formatDuration, parseDuration } from '../../src/runbook/duration.js';
import { evaluateCondition } from '../../src/runbook/evaluate-condition.js';

describe('interpolate', () => {
  it('replaces placeholders inside each argv element without splitting or quoting', () => {
    expect(
      interpolateArgv(['ssomanage', '-updatedb', '{{dir}}\\NewMSS.xml'], { dir: 'C:\\Program Files\\x y' }),
    ).toEqual(['ssomanage', '-updatedb', 'C:\\Program Files\\x y\\NewMSS.xml']);
    expect(interpolateArgv(['{{v}}'], { v: '"; rm -rf / #' })).toEqual(['"; rm -rf / #']);
  });
  it('throws on an unknown variable, naming it', () => {
    expect(() => interpolateArgv(['{{missing}}'], {})).toThrow(UnknownVariableError);
    expect(() => interpolateArgv(['{{missing}}'], {})).toThrow('{{missing}}');
  });
  it('leaves unknown placeholders for plan output', () => {
    expect(interpolateKnown('{{a}} and {{b}}', { a: 'A' })).toBe('A and {{b}}');
    expect(findVariables('x {{ a }} {{b_c}}')).toEqual(['a', 'b_c']);
  });
});

describe('durations and conditions', () => {
  it('parses and formats durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('5 minutes')).toThrow(/30s, 5m/);
    expect(formatDuration(125_000)).toBe('2m05s');
  });
  it('evaluates when-conditions case-insensitively', () => {
    expect(evaluateCondition('x', { x: 'yes' })).toBe(true);
    expect(evaluateCondition('!x', { x: 'no' })).toBe(true);
    expect(evaluateCondition('oldMss != {{newMss}}', { oldMss: 'SSO01', newMss: 'sso01' })).toBe(false);
    expect(evaluateCondition('missing', {})).toBe(false);
  });
});
