import { describe, expect, it } from 'vitest';
import type { ExecResult, Probe } from '../../src/engine/ports.js';
import { renderLocalCall } from '../../src/transports/powershell.js';
import { readProbeFacts } from '../../src/transports/probe-facts.js';
import { createProbeCall, toRegistryPath } from '../../src/transports/windows-probes.js';

const printed = (stdout: string, exitCode = 0, stderr = ''): ExecResult => ({
  ok: exitCode === 0,
  exitCode,
  stdout,
  stderr,
  durationMs: 5,
  timedOut: false,
  canceled: false,
});

describe('probes on Windows hosts', () => {
  it('map each probe to its PowerShell cmdlet, values as parameters (golden)', () => {
    const since = Date.UTC(2026, 10, 27, 9, 30);
    const event: Probe = {
      kind: 'event',
      ids: [10575, 10534],
      source: 'ENTSSO',
      sinceMs: since,
      present: true,
    };
    const call = createProbeCall(event);
    expect(call.args).toEqual(['ENTSSO', ['10575', '10534'], since]);
    expect(call.body).toContain(
      '$f = @{ LogName = "Application"; ProviderName = $source; Id = $ids; StartTime = [DateTimeOffset]::FromUnixTimeMilliseconds($sinceMs).UtcDateTime }',
    );
    expect(renderLocalCall(call)).toMatch(/ 'ENTSSO' @\('10575', '10534'\) 1795771800000$/);
    expect(createProbeCall({ kind: 'service', name: 'ENTSSO', state: 'running' }).body).toMatch(
      /^param\(\$name\) \$s = Get-Service -Name \$name/,
    );
    expect(createProbeCall({ kind: 'port', host: 'SQL01', port: 1433 })).toMatchObject({
      args: ['SQL01', 1433],
    });
    expect(createProbeCall({ kind: 'port', host: 'SQL01', port: 1433 }).body).toContain(
      'Test-NetConnection -ComputerName $target -Port $port',
    );
    const file = createProbeCall({ kind: 'file', path: 'C:\\b.bak', exists: true, sha256: 'ab' });
    expect(file.args).toEqual(['C:\\b.bak', true]);
    expect(file.body).toContain('Get-FileHash -LiteralPath $path -Algorithm SHA256');
    expect(
      createProbeCall({ kind: 'registry', key: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS', exists: true })
        .args,
    ).toEqual(['HKLM:\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS']);
  });

  it('write registry keys as PowerShell provider paths', () => {
    expect(toRegistryPath('HKEY_LOCAL_MACHINE\\SOFTWARE\\X')).toBe('HKLM:\\SOFTWARE\\X');
    expect(toRegistryPath('hkcu\\Software\\Y')).toBe('HKCU:\\Software\\Y');
    expect(toRegistryPath('HKEY_USERS\\S-1-5-18')).toBe('Registry::HKEY_USERS\\S-1-5-18');
  });

  it('judge the facts a probe printed, in words an operator reads', () => {
    const service: Probe = { kind: 'service', name: 'ENTSSO', state: 'running' };
    expect(
      readProbeFacts(
        service,
        'BTS01',
        printed('{"found":true,"status":"StartPending","displayName":"Enterprise Single Sign-On Service"}'),
      ),
    ).toEqual({
      ok: false,
      observed: 'ENTSSO (Enterprise Single Sign-On Service) on BTS01 is start-pending',
    });
    expect(readProbeFacts(service, 'BTS01', printed('{"found":false}'))).toEqual({
      ok: false,
      observed: 'ENTSSO is not installed on BTS01',
    });
    const file: Probe = { kind: 'file', path: 'C:\\b.bak', exists: true, maxAgeSec: 60 };
    expect(readProbeFacts(file, 'BTS01', printed('{"exists":true,"size":2048,"ageSec":600}'))).toEqual({
      ok: false,
      observed: 'C:\\b.bak exists on BTS01 (2048 bytes, 600 s old)',
    });
    const port: Probe = { kind: 'port', host: 'SQL01', port: 1433 };
    expect(
      readProbeFacts(port, 'BTS01', printed('{"tcpTestSucceeded":true,"remoteAddress":"10.0.0.9"}')),
    ).toEqual({
      ok: true,
      observed: 'SQL01:1433 is reachable from BTS01 (10.0.0.9)',
    });
    const registry: Probe = {
      kind: 'registry',
      key: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS',
      exists: true,
    };
    expect(readProbeFacts(registry, 'BTS01', printed('{"exists":false}'))).toEqual({
      ok: false,
      observed: 'HKLM\\SOFTWARE\\Microsoft\\ENTSSO\\SSOSS does not exist on BTS01',
    });
  });

  it('match event messages like the lab does (regex, any case), for present and absent checks', () => {
    const events = JSON.stringify({
      events: [
        {
          id: 10575,
          timeMs: Date.UTC(2026, 0, 1, 10),
          message: 'The secret server name changed to BTS01.\r\nMore.',
        },
      ],
    });
    const present: Probe = {
      kind: 'event',
      ids: [10575],
      source: 'ENTSSO',
      sinceMs: 0,
      message: 'bts01',
      present: true,
    };
    expect(readProbeFacts(present, 'BTS01', printed(events))).toEqual({
      ok: true,
      observed: 'event 10575 on BTS01 at 2026-01-01T10:00:00.000Z: The secret server name changed to BTS01.',
    });
    expect(readProbeFacts({ ...present, message: 'BTS02' }, 'BTS01', printed(events)).ok).toBe(false);
    expect(readProbeFacts({ ...present, present: false }, 'BTS01', printed('{"events":[]}'))).toEqual({
      ok: true,
      observed: 'no event 10575 from ENTSSO on BTS01 since 1970-01-01T00:00:00.000Z',
    });
  });

  it('report a probe that could not run with what the host said', () => {
    const probe: Probe = { kind: 'service', name: 'ENTSSO', state: 'running' };
    expect(readProbeFacts(probe, 'BTS01', printed('', 1, 'Access is denied.\n'))).toEqual({
      ok: false,
      observed: 'could not check service on BTS01: Access is denied.',
    });
  });
});
