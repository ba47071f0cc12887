import { describe, expect, it } from 'vitest';
import { BIZTALK_SERVICES, createTestLab } from './lab-test-kit.js';

const ps = (script: string) => ['powershell', '-NoProfile', '-NonInteractive', '-Command', script];
const RESTART =
  "$ErrorActionPreference = 'Stop'; $dependents = @(Get-Service -Name ENTSSO -DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name); 'Running dependents: ' + ($dependents -join ','); Stop-Service -Name ENTSSO -Force; Start-Service -Name ENTSSO; foreach ($name in $dependents) { Start-Service -Name $name; 'Started ' + $name }";
const NOT_RUNNING =
  "Get-Service -Name ENTSSO -DependentServices | Where-Object Status -ne 'Running' | ForEach-Object Name";

describe('the lab PowerShell: ENTSSO with the services that depend on it', () => {
  it('restarts ENTSSO and starts again every dependent that was running', () => {
    const lab = createTestLab();
    const result = lab.run('BTS02', ps(RESTART));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Running dependents: ${BIZTALK_SERVICES.join(',')}`);
    for (const name of BIZTALK_SERVICES) expect(result.stdout).toContain(`Started ${name}`);
    expect(lab.run('BTS02', ps(NOT_RUNNING)).stdout).toBe('');
  });

  it('lists the dependents net stop entsso /y left stopped', () => {
    const lab = createTestLab();
    lab.run('BTS02', ['net', 'stop', 'entsso', '/y']);
    lab.run('BTS02', ['net', 'start', 'entsso']);
    expect(lab.run('BTS02', ps(NOT_RUNNING)).stdout.split('\r\n').filter(Boolean)).toEqual(BIZTALK_SERVICES);
  });

  it('answers only the statements the runbooks use: a drifted script is a parse error, nothing stops', () => {
    const lab = createTestLab();
    const drifted = RESTART.replace('Stop-Service -Name ENTSSO -Force', 'Stop-Service ENTSSO');
    expect(lab.run('BTS02', ps(drifted)).exitCode).toBe(1);
    expect(lab.run('BTS02', ['sc', 'query', 'entsso']).stdout).toContain('RUNNING');
  });
});
