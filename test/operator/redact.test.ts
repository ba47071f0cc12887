import { describe, expect, it } from 'vitest';
import { createRedactor, MASK } from '../../src/operator/redact.js';

describe('createRedactor', () => {
  it('masks every occurrence of a registered value, wherever it appears', () => {
    const redactor = createRedactor();
    redactor.register('hunter2');
    expect(redactor.redact('pw=hunter2; again:hunter2hunter2')).toBe(`pw=${MASK}; again:${MASK}${MASK}`);
    expect(redactor.redact('nothing secret here')).toBe('nothing secret here');
  });

  it('leaves text alone while nothing is registered, and ignores empty values', () => {
    const redactor = createRedactor();
    redactor.register('');
    redactor.register('\n');
    expect(redactor.size).toBe(0);
    expect(redactor.redact('anything at all')).toBe('anything at all');
  });

  it('registers a value read with its trailing newline as the value itself', () => {
    const redactor = createRedactor();
    redactor.register('from-a-file\n');
    redactor.register('from-a-file');
    expect(redactor.size).toBe(1);
    expect(redactor.redact('x from-a-file y')).toBe(`x ${MASK} y`);
  });

  it('treats regex metacharacters in a secret literally', () => {
    const redactor = createRedactor();
    redactor.register('a.b*(c)$1');
    expect(redactor.redact('axbbb(c)$1 and a.b*(c)$1')).toBe(`axbbb(c)$1 and ${MASK}`);
  });

  it('masks the JSON-escaped form of a secret, as it appears in journal lines', () => {
    const redactor = createRedactor();
    const secret = 'say "hi"\\now\tthen';
    redactor.register(secret);
    const line = JSON.stringify({ stdout: `got ${secret}` });
    expect(line).not.toContain(secret);
    expect(redactor.redact(line)).toBe(JSON.stringify({ stdout: `got ${MASK}` }));
  });

  it('masks the longer of two overlapping secrets whole (longest first)', () => {
    const redactor = createRedactor();
    redactor.register('abc');
    redactor.register('abcdef');
    expect(redactor.redact('xabcdefx xabcx')).toBe(`x${MASK}x x${MASK}x`);
    const reversed = createRedactor();
    reversed.register('abcdef');
    reversed.register('abc');
    expect(reversed.redact('abcdef')).toBe(MASK);
  });

  it('masks nested strings of an event without touching other values or the original', () => {
    const redactor = createRedactor();
    redactor.register('s3cret');
    const event = {
      type: 'action-finished',
      ok: false,
      exitCode: 1,
      stdout: 'pw s3cret',
      nested: { list: ['s3cret', 7, null] },
    };
    const clean = redactor.redactDeep(event);
    expect(clean).toEqual({
      type: 'action-finished',
      ok: false,
      exitCode: 1,
      stdout: `pw ${MASK}`,
      nested: { list: [MASK, 7, null] },
    });
    expect(event.stdout).toBe('pw s3cret');
  });
});
