import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  initLab,
  LabInputError,
  probeLab,
  readLabStatus,
  readSealedEnvelope,
  resetLab,
  verifyLab,
} from '../../src/lab/index.js';
import { EnvironmentSchema } from '../../src/runbook/environment-schema.js';
import { createTestLab, failOverTo, tempDir } from './lab-test-kit.js';

describe('lab init', () => {
  it('writes an environment.yaml that the environment schema accepts', () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    const env = EnvironmentSchema.parse(parse(readFileSync(join(lab.dir, 'environment.yaml'), 'utf8')));
    expect(env.name).toBe('lab');
    expect(env.drill).toBe(true);
    expect(env.hosts.SSO01?.roles).toEqual(['sso-server', 'mss']);
    expect(env.hosts.BTS02?.roles).toEqual(['sso-server', 'biztalk']);
    expect(env.hosts.SQL01?.roles).toEqual(['sql']);
    expect(env.vars).toMatchObject({
      ssoToolDir: 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On',
      currentMss: 'SSO01',
      ssoDb: 'SSODB',
      workDir: 'C:\\SSOFailover',
      backupFile: lab.summary.backupPath,
    });
    expect(env.lab).toEqual({ dir: lab.dir, timeScale: 6000, latencyMs: 0, epochMs: lab.summary.epochMs });
  });

  it('hands over the backup on every SSO server and the password in a sealed envelope', () => {
    const lab = createTestLab({ servers: ['SSOA', 'SSOB', 'SSOC'], mss: 'SSOB' });
    const envelope = readSealedEnvelope(lab.dir);
    expect(envelope.backupPath).toMatch(/^C:\\SSOBackup\\SSO[0-9A-F]{6}\.bak$/);
    expect(envelope.password.length).toBeGreaterThanOrEqual(7);
    for (const host of ['SSOA', 'SSOB', 'SSOC']) {
      expect(probeLab(lab.dir, host, { kind: 'file', path: envelope.backupPath, exists: true }).ok).toBe(
        true,
      );
    }
    expect(readLabStatus(lab.dir).secretServer).toBe('SSOB');
  });

  it('never writes the password anywhere but the envelope', () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    const { password } = readSealedEnvelope(lab.dir);
    failOverTo(lab, 'BTS01', password);
    verifyLab(lab.dir);
    for (const file of readdirSync(lab.dir).filter((f) => f !== 'sealed-envelope.txt')) {
      expect(readFileSync(join(lab.dir, file)).includes(password), file).toBe(false);
    }
    expect(JSON.stringify(readLabStatus(lab.dir))).not.toContain(password);
  });

  it('refuses to overwrite an existing lab and says how to start over', () => {
    const lab = createTestLab();
    expect(() => initLab({ dir: lab.dir })).toThrow(/lab reset --dir .* or pick another --dir/);
  });

  it('rejects an unknown fault, an MSS outside the server list and a bad time scale', () => {
    const dir = join(tempDir(), 'x');
    expect(() => initLab({ dir, faults: ['meteor-strike'] })).toThrow(LabInputError);
    expect(() => initLab({ dir, mss: 'BTS09' })).toThrow(/--mss BTS09 is not one of --servers/);
    expect(() => initLab({ dir, timeScale: -1 })).toThrow(/--time-scale/);
    expect(() => readSealedEnvelope(dir)).toThrow(LabInputError);
  });

  it('resets to the initial state with the same faults and backup', () => {
    const lab = createTestLab({ faults: ['mss-lost'] });
    const before = readSealedEnvelope(lab.dir);
    failOverTo(lab, 'BTS01', before.password);
    expect(readLabStatus(lab.dir).secretServer).toBe('BTS01');
    resetLab(lab.dir);
    const status = readLabStatus(lab.dir);
    expect(status.secretServer).toBe('SSO01');
    expect(status.faults).toEqual(['mss-lost']);
    expect(readSealedEnvelope(lab.dir)).toEqual(before);
    expect(failOverTo(lab, 'BTS01', before.password).restore.exitCode).toBe(0);
  });
});
