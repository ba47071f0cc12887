import { describe, expect, it } from 'vitest';
import { checkWhere } from '../../src/report/check-where.js';

describe("a check's host in the report", () => {
  it('is added after the label, unless the label already names that host (no "on BTS01 on BTS01")', () => {
    expect(checkWhere('no SSO version mismatch (10728) on BTS01', 'BTS01')).toBe('');
    expect(checkWhere('SSODB names BTS01 (seen from bts02)', 'BTS02')).toBe('');
    expect(checkWhere('service ENTSSO is running', 'BTS01')).toBe(' on BTS01');
    // A longer name that merely starts with the host's is another host.
    expect(checkWhere('ENTSSO on BTS010', 'BTS01')).toBe(' on BTS01');
    expect(checkWhere('db reachable', 'db.example.com')).toBe(' on db.example.com');
  });
});
