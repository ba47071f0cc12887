import { describe, expect, it } from 'vitest';
import { probeLab, writeLabFile } from '../../src/lab/index.js';
import { createTestLab } from './lab-test-kit.js';

describe('probeLab', () => {
  it('reports service state in words', () => {
    const lab = createTestLab();
    expect(probeLab(lab.dir, 'BTS01', { kind: 'service', name: 'entsso', state: 'running' })).toEqual({
      ok: true,
      observed: 'ENTSSO on BTS01 is running',
    });
    expect(probeLab(lab.dir, 'SQL01', { kind: 'service', name: 'ENTSSO', state: 'running' }).observed).toBe(
      'ENTSSO is not installed on SQL01',
    );
  });

  it('checks files by existence, age and sha256', () => {
    const lab = createTestLab();
    writeLabFile(lab.dir, 'BTS01', 'C:\\SSOFailover\\a.txt', 'hello');
    const sha = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
    expect(
      probeLab(lab.dir, 'BTS01', { kind: 'file', path: 'c:\\ssofailover\\A.TXT', exists: true, sha256: sha })
        .ok,
    ).toBe(true);
    expect(
      probeLab(lab.dir, 'BTS01', { kind: 'file', path: 'C:\\SSOFailover\\a.txt', exists: true, sha256: '00' })
        .ok,
    ).toBe(false);
    expect(
      probeLab(lab.dir, 'BTS02', { kind: 'file', path: 'C:\\SSOFailover\\a.txt', exists: false }).ok,
    ).toBe(true);
  });

  it('checks ports from the probing host', () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    expect(probeLab(lab.dir, 'BTS01', { kind: 'port', host: 'SQL01', port: 1433 }).ok).toBe(true);
    const mss = probeLab(lab.dir, 'BTS01', { kind: 'port', host: 'SSO01', port: 135 });
    expect(mss).toEqual({
      ok: false,
      observed: 'SSO01:135 is not reachable from BTS01 (SSO01 is powered off)',
    });
  });

  it('checks events by id, time and message, present or absent', () => {
    const lab = createTestLab();
    const base = { kind: 'event' as const, ids: [10534], source: 'ENTSSO', sinceMs: 0 };
    expect(probeLab(lab.dir, 'SSO01', { ...base, present: true }).observed).toMatch(
      /^event 10534 \(ENTSSO\) on SSO01 at/,
    );
    expect(probeLab(lab.dir, 'SSO01', { ...base, present: true, message: 'no such text' }).ok).toBe(false);
    expect(probeLab(lab.dir, 'BTS01', { ...base, present: false }).ok).toBe(true);
    expect(
      probeLab(lab.dir, 'SSO01', { ...base, sinceMs: Date.now() + 86_400_000 * 365, present: true }).ok,
    ).toBe(false);
  });

  it('gives event times on the clock of the run (wall time), the lab time only as a labelled extra', () => {
    const lab = createTestLab({ timeScale: 60 });
    const epoch = lab.summary.epochMs;
    const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);
    // One lab hour after the lab began is one real minute after it, at 60×.
    const sinceMs = epoch + 3_600_000;
    const absent = probeLab(lab.dir, 'BTS01', {
      kind: 'event',
      ids: [10534],
      source: 'ENTSSO',
      sinceMs,
      present: false,
    });
    expect(absent.observed).toBe(
      `no event 10534 from ENTSSO on BTS01 since ${hhmmss(epoch + 60_000)} (lab time ${hhmmss(sinceMs)})`,
    );
    const present = probeLab(lab.dir, 'SSO01', {
      kind: 'event',
      ids: [10534],
      source: 'ENTSSO',
      sinceMs: 0,
      present: true,
    });
    expect(present.observed).toMatch(
      /^event 10534 \(ENTSSO\) on SSO01 at \d\d:\d\d:\d\d \(lab time \d\d:\d\d:\d\d\): /,
    );
    // A lab running in real time has one clock: no extra.
    const real = createTestLab({ timeScale: 1 });
    expect(
      probeLab(real.dir, 'BTS01', { kind: 'event', ids: [1], source: 'ENTSSO', sinceMs: 0, present: false })
        .observed,
    ).toBe('no event 1 from ENTSSO on BTS01 since 00:00:00');
  });

  it('checks registry keys and fails every probe on an unreachable host', () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    expect(
      probeLab(lab.dir, 'BTS01', { kind: 'registry', key: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO', exists: true })
        .ok,
    ).toBe(true);
    expect(
      probeLab(lab.dir, 'BTS01', {
        kind: 'registry',
        key: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS',
        exists: false,
      }).ok,
    ).toBe(true);
    expect(probeLab(lab.dir, 'SSO01', { kind: 'service', name: 'ENTSSO', state: 'stopped' })).toEqual({
      ok: false,
      observed: 'SSO01 is unreachable (powered off)',
    });
  });
});
