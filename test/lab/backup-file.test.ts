import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPasswordVerifier, createPasswordVerifier } from '../../src/lab/secrets/backup-file.js';

describe('lab backup password verifiers', () => {
  it('accept the right password and refuse a wrong one', () => {
    const verifier = createPasswordVerifier('Right-Pass-1');
    expect(checkPasswordVerifier(verifier, 'Right-Pass-1')).toBe(true);
    expect(checkPasswordVerifier(verifier, 'Wrong-Pass-1')).toBe(false);
  });

  it('still read verifiers made before the scrypt cost was recorded (labs made by older versions)', () => {
    const salt = randomBytes(16);
    const legacy = `${salt.toString('base64')}:${scryptSync('Old-Pass-1', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    expect(checkPasswordVerifier(legacy, 'Old-Pass-1')).toBe(true);
    expect(checkPasswordVerifier(legacy, 'Other-Pass')).toBe(false);
  });
});
