import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInProcessLabRunner } from '../../src/drill/in-process-lab-runner.js';
import { loadLab } from '../../src/drill/load-lab.js';
import { commandGoal } from '../../src/engine/command-goal.js';
import { execLabTool, initLab } from '../../src/lab/index.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { createLabTransport } from '../../src/transports/lab.js';
import { runbookHeader as header, runScripted } from '../support/engine-harness.js';
import { makeTempDir } from '../support/run-cli.js';

const ps = (script: string) => ['powershell', '-NoProfile', '-NonInteractive', '-Command', script];

describe('the state a command leaves behind', () => {
  it('reads Stop-Service and Start-Service of one named service in a PowerShell command', () => {
    expect(
      commandGoal(ps("$ErrorActionPreference = 'Stop'; Stop-Service -Name ENTSSO -Force")),
    ).toMatchObject({
      service: { name: 'ENTSSO', state: 'stopped' },
    });
    expect(
      commandGoal(['pwsh.exe', '-Command', "Start-Service 'BTSSvc$BizTalkServerApplication'"]),
    ).toMatchObject({
      service: { name: 'BTSSvc$BizTalkServerApplication', state: 'running' },
    });
    expect(commandGoal(['net', 'stop', 'entsso', '/y'])).toMatchObject({
      service: { name: 'entsso', state: 'stopped' },
    });
  });

  it('has no goal for Restart-Service (running before and after), a loop, a pipeline, a variable or two services', () => {
    for (const script of [
      'Restart-Service -Name ENTSSO -Force',
      "foreach ($name in ('A','B')) { Start-Service -Name $name }",
      'Get-Service ENTSSO | Stop-Service',
      'Stop-Service -Name $name',
      'Stop-Service -Name A,B',
      'Stop-Service -Name ENTSSO; Start-Service -Name ENTSSO',
    ])
      expect(commandGoal(ps(script)), script).toBeUndefined();
    expect(commandGoal(['powershell', '-File', 'x.ps1', '-Command', 'Stop-Service ENTSSO'])).toBeUndefined();
  });
});

describe('a PowerShell Stop-Service left in doubt by a previous session', () => {
  it('counts as done when the service is already stopped, and is not run again', async () => {
    const dir = join(makeTempDir('sso-goal-'), 'lab');
    initLab({ dir });
    // The previous session's Stop-Service did take effect before it was killed.
    expect(execLabTool(dir, 'BTS02', ['net', 'stop', 'entsso', '/y']).exitCode).toBe(0);
    const environment = loadEnvironment(join(dir, 'environment.yaml'));
    const transport = createLabTransport(dir, createInProcessLabRunner(await loadLab(), dir));
    const run = await runScripted(
      header(`
steps:
  - id: stop-entsso
    title: Stop ENTSSO on BTS02
    on: BTS02
    action:
      run: [powershell, -NoProfile, -NonInteractive, -Command, "$ErrorActionPreference = 'Stop'; Stop-Service -Name ENTSSO -Force"]
    post:
      - service: { name: ENTSSO, state: stopped }
    irreversible: a test
`),
      [],
      {
        environment,
        transport,
        runOptions: {
          resumed: {
            completed: [],
            resumeAt: {
              stepId: 'stop-entsso',
              sinceMs: 0,
              finishedCommands: 0,
              inFlight: { command: 'Stop-Service -Name ENTSSO -Force', host: 'BTS02' },
            },
          },
        },
      },
    );
    expect(run.result.outcome).toBe('succeeded');
    expect(run.types).not.toContain('action-started');
    expect(JSON.stringify(run.shown)).toContain(
      'had taken effect before the interruption: it counts as done',
    );
  });
});
