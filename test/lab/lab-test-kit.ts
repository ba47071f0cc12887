import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  execLabTool,
  initLab,
  type LabExecResult,
  type LabInitOptions,
  writeLabFile,
} from '../../src/lab/index.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sso-lab-'));
  dirs.push(dir);
  return dir;
}

/** A fresh lab; fast by default (6000 lab s per real s: a 20 s ENTSSO start takes ~3 ms). */
export function createTestLab(options: Partial<LabInitOptions> = {}) {
  const dir = join(tempDir(), 'lab');
  const summary = initLab({ timeScale: 6000, ...options, dir });
  const run = (host: string, argv: string[], stdin?: string): LabExecResult =>
    execLabTool(dir, host, argv, { stdin });
  return { dir, summary, run };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const NEW_MSS_XML = (name: string) =>
  `<sso>\n  <globalInfo>\n    <secretServer>${name}</secretServer>\n  </globalInfo>\n</sso>\n`;

type Lab = ReturnType<typeof createTestLab>;

/** The documented failover, step by step, on `target`; returns the outputs for assertions. */
export function failOverTo(lab: Lab, target: string, password: string, backupPath = lab.summary.backupPath) {
  writeLabFile(lab.dir, target, 'C:\\SSOFailover\\NewMSS.xml', NEW_MSS_XML(target));
  const updatedb = lab.run(target, ['ssomanage', '-updatedb', 'C:\\SSOFailover\\NewMSS.xml']);
  const stop = lab.run(target, ['net', 'stop', 'entsso', '/y']);
  const start = lab.run(target, ['net', 'start', 'entsso']);
  const restore = lab.run(target, ['ssoconfig', '-restoreSecret', backupPath], `${password}\n`);
  return { updatedb, stop, start, restore };
}

export function takeFreshBackup(lab: Lab, host: string, password = 'Fresh-Backup-2025!') {
  return lab.run(
    host,
    ['ssoconfig', '-backupSecret', 'C:\\SSOBackup\\after-failover.bak'],
    `${password}\n${password}\nafter failover\n`,
  );
}
