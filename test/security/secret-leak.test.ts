import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createAutopilotAnswers } from '../../src/drill/drill-autopilot.js';
import { FAULTS, readLabStatus, readSealedEnvelope } from '../../src/lab/index.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { CLI, makeTempDir, parseDrillJson, runCli } from '../support/run-cli.js';

const NEW_BACKUP_PASSWORD = 'Leak-Canary-New-7731!';

/** A lab with known passwords and an answers file that reads every secret from a file, never argv or env. */
function prepare(fault: string | undefined) {
  const root = makeTempDir('sso-leak-');
  const labDir = join(root, 'lab');
  const stateDir = join(root, 'state');
  expect(
    runCli(['lab', 'init', '--dir', labDir, '--time-scale', '600', ...(fault ? ['--fault', fault] : [])])
      .status,
  ).toBe(0);
  const envelope = readSealedEnvelope(labDir);
  const environment = loadEnvironment(join(labDir, 'environment.yaml'));
  const runbookId = runbookFor(fault);
  const { runbook } = loadRunbook(runbookId);
  const answers = createAutopilotAnswers(runbook, environment, {
    mss: environment.vars.currentMss ?? 'SSO01',
    faults: fault ? [fault] : [],
    envelope,
    clusterOwner: readLabStatus(labDir).cluster?.ownerNode,
  });
  const secretFile = (name: string, value: string) => {
    const file = join(root, name);
    writeFileSync(file, value, { mode: 0o600 });
    return { file };
  };
  const passwords = answers.inputs.backupPassword as string[];
  answers.inputs.backupPassword = passwords.map((p, i) => secretFile(`backup-password-${i}`, p));
  answers.inputs.newBackupPassword = secretFile('new-password', NEW_BACKUP_PASSWORD);
  const answersFile = join(root, 'answers.yaml');
  writeFileSync(answersFile, stringify(answers));
  const secrets = [envelope.password, envelope.correctedPassword, NEW_BACKUP_PASSWORD].filter(
    (s): s is string => Boolean(s),
  );
  return {
    labDir,
    stateDir,
    answersFile,
    runbookId,
    secrets,
    envelopeFile: join(labDir, 'sealed-envelope.txt'),
  };
}

/** Each fault is drilled with the runbook whose scenario it is, so the password really travels. */
function runbookFor(fault: string | undefined): string {
  if (fault === 'service-account-changed') return 'restore-master-secret';
  if (fault?.startsWith('cluster-') || fault === 'entsso-outside-cluster') return 'clustered-mss-failover';
  return 'designate-new-master-secret-server';
}

/** Every file under a folder, as text (SQLite files included: a secret must not sit in any page). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hits(secrets: string[], texts: { where: string; text: string }[]): string[] {
  return texts.flatMap(({ where, text }) =>
    secrets.filter((s) => text.includes(s)).map((s) => `${where} contains ${s.slice(0, 3)}…`),
  );
}

describe('the backup passwords never leak', () => {
  const faults = [undefined, ...FAULTS.map((f) => f.name).filter((f) => f !== 'mss-lost')];

  for (const fault of faults) {
    it(`leaves no password in the state folder, the lab folder or the output (${fault ?? 'mss-lost'})`, () => {
      const { labDir, stateDir, answersFile, runbookId, secrets, envelopeFile } = prepare(fault);
      const result = runCli([
        'drill',
        '--runbook',
        runbookId,
        '--answers',
        answersFile,
        '--lab-dir',
        labDir,
        '--state-dir',
        stateDir,
        '--json',
      ]);
      expect(result.stdout).toContain('"runId"');
      // In these scenarios the drill passes: the password went all the way through a restore.
      if (fault === 'service-account-changed' || fault === 'cluster-node-lost')
        expect(parseDrillJson(result.stdout).passed).toBe(true);
      const files = [...filesUnder(stateDir), ...filesUnder(labDir).filter((f) => f !== envelopeFile)];
      const found = hits(secrets, [
        { where: 'stdout', text: result.stdout },
        { where: 'stderr', text: result.stderr },
        ...files.map((f) => ({ where: f, text: readFileSync(f).toString('latin1') })),
      ]);
      expect(found).toEqual([]);
    });
  }

  it('never passes a password in any process argv or environment (real lab processes, /proc sampled)', async () => {
    const { labDir, stateDir, answersFile, secrets } = prepare(undefined);
    const child = spawn(
      process.execPath,
      [
        CLI,
        'drill',
        '--answers',
        answersFile,
        '--lab-dir',
        labDir,
        '--state-dir',
        stateDir,
        '--lab-transport',
        'process',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const seen = new Map<string, string>();
    const sample = () => {
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        for (const file of ['cmdline', 'environ']) {
          try {
            seen.set(`${pid}/${file}`, readFileSync(`/proc/${pid}/${file}`).toString('latin1'));
          } catch {
            // gone already, or not ours
          }
        }
      }
    };
    const timer = setInterval(sample, 15);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    expect(code).toBe(0);
    expect(output).toContain('PASSED');
    expect([...seen.keys()].some((k) => seen.get(k)!.includes('lab\0exec'))).toBe(true); // the sampler saw lab commands
    expect(
      hits(
        secrets,
        [...seen].map(([where, text]) => ({ where, text })),
      ),
    ).toEqual([]);
  }, 120_000);
});
