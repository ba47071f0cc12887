import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutopilotAnswers } from '../../src/drill/drill-autopilot.js';
import { readSealedEnvelope } from '../../src/lab/index.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { CLI, makeTempDir, readRunEvents, runCli } from '../support/run-cli.js';
import { startSshd, type TestSshd } from './sshd.js';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.stop();
});

/**
 * The lab's own environment, with every host reached over ssh instead: each command, probe and write is
 * `sso-failover lab …` run by the sshd's session. The remote command first notes $SSH_CONNECTION, which only
 * an sshd session has, so the test can tell that every call really went through ssh.
 */
function writeSshLabEnvironment(labDir: string, dir: string): { file: string; sessionLog: string } {
  const sessionLog = join(dir, 'ssh-sessions.log');
  const environment = parse(readFileSync(join(labDir, 'environment.yaml'), 'utf8')) as {
    hosts: Record<string, { transport: unknown }>;
  };
  const note = `echo "$SSH_CONNECTION" >> ${sessionLog}; exec "$0" "$@"`;
  for (const host of Object.values(environment.hosts)) {
    host.transport = {
      type: 'ssh',
      address: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      identity: sshd.identity,
      knownHosts: sshd.knownHosts,
      shell: 'posix',
      lab: { dir: labDir, command: ['sh', '-c', note, process.execPath, CLI] },
    };
  }
  const file = join(dir, 'ssh-lab.yaml');
  writeFileSync(file, stringify(environment));
  return { file, sessionLog };
}

describe('a drill through ssh (lab tools run on the "remote" side)', () => {
  it('designates a new MSS end to end, and the lab verifies the result', { timeout: 240_000 }, () => {
    const dir = makeTempDir('sso-ssh-drill-');
    const labDir = join(dir, 'lab');
    expect(runCli(['lab', 'init', '--dir', labDir, '--fault', 'mss-lost']).status).toBe(0);
    const { file, sessionLog } = writeSshLabEnvironment(labDir, dir);
    const environment = loadEnvironment(file);
    const { runbook } = loadRunbook('designate-new-master-secret-server');
    const envelope = readSealedEnvelope(labDir);
    const mss = environment.vars.currentMss!;
    const answers = createAutopilotAnswers(runbook, environment, { mss, faults: ['mss-lost'], envelope });
    const answersFile = join(dir, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));

    // The scenario: the MSS is lost. env check sees it, and only it, as unreachable.
    const check = runCli(['env', 'check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(1);
    expect(check.stdout).toContain(`lab server BTS01 via ssh ${sshd.user}@127.0.0.1:${sshd.port}`);
    expect(check.stdout).toMatch(new RegExp(`✗ ${mss} is not reachable .*powered off`));
    expect(check.stdout.match(/✓/g)).toHaveLength(Object.keys(environment.hosts).length - 1);

    const stateDir = join(dir, 'state');
    const run = runCli([
      'run',
      'designate-new-master-secret-server',
      '--env',
      file,
      '--answers',
      answersFile,
      '--state-dir',
      stateDir,
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const verify = runCli(['lab', 'verify', '--dir', labDir]);
    expect(verify.status, verify.stdout).toBe(0);

    const events = readRunEvents(stateDir);
    const commands = events.filter((e) => e.type === 'action-started').length;
    const sessions = readFileSync(sessionLog, 'utf8').trim().split('\n');
    expect(sessions.length).toBeGreaterThan(commands);
    for (const session of sessions)
      expect(session).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${sshd.port}$`));
    // The backup password went on stdin through ssh: never into the journal or the output.
    const [runId] = readdirSync(join(stateDir, 'runs'));
    expect(readFileSync(join(stateDir, 'runs', runId!, 'journal.ndjson'), 'utf8')).not.toContain(
      envelope.password,
    );
    expect(run.stdout).not.toContain(envelope.password);
  });
});
