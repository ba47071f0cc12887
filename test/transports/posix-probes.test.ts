import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/runbook/build-plan.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { createLocalTransport } from '../../src/transports/local.js';
import { createPosixProbeArgv } from '../../src/transports/posix-scripts.js';
import { readProbeFacts } from '../../src/transports/probe-facts.js';
import { runProcess } from '../../src/transports/run-process.js';
import { runCli } from '../support/run-cli.js';

/** A probe as an ssh POSIX host runs it: the same sh script, here run on this machine. */
async function probeWithPosixScript(probe: Parameters<typeof createPosixProbeArgv>[0]) {
  const argv = createPosixProbeArgv(probe)!;
  return readProbeFacts(probe, 'db1', await runProcess(argv[0]!, argv.slice(1), { timeoutMs: 20_000 }));
}

describe('typed probes on POSIX hosts', () => {
  it('answers a service check on this Linux machine instead of saying it needs Windows', async () => {
    const transport = createLocalTransport();
    const result = await transport.probe('localhost', {
      kind: 'service',
      name: 'sso-failover-no-such-service',
      state: 'missing',
    });
    expect(result).toEqual({ ok: true, observed: expect.stringContaining('is not installed') });
  });

  it('checks a port from the host with the POSIX script (open and closed)', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await probeWithPosixScript({ kind: 'port', host: '127.0.0.1', port })).toMatchObject({
        ok: true,
      });
    } finally {
      server.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await probeWithPosixScript({ kind: 'port', host: '127.0.0.1', port })).toEqual({
      ok: false,
      observed: `127.0.0.1:${port} is not reachable from db1`,
    });
  });

  it('lint refuses a probe the host platform cannot answer, and accepts the ones it can', () => {
    const result = runCli([
      'lint',
      'test/fixtures/posix-probes.yaml',
      '--env',
      'test/fixtures/posix-host.env.yaml',
    ]);
    expect(result.status).toBe(2);
    // (the fixture cites no sources: those problems are not this test's)
    expect(
      result.stdout
        .trim()
        .split('\n')
        .filter((line) => !line.includes(' cites no source: ')),
    ).toEqual([
      'test/fixtures/posix-probes.yaml:14:16 an event check cannot be answered on db1, a POSIX host; its checks can be service, file, port or run: (e.g. journalctl for log entries)',
      // the host is an input chosen from a role: every host of the role is checked
      'test/fixtures/posix-probes.yaml:19:19 a registry check cannot be answered on db1, a POSIX host; its checks can be service, file, port or run: (e.g. journalctl for log entries)',
    ]);
  });

  it('plan shows a probe as the command typed on that host: sh on POSIX, PowerShell on Windows', () => {
    const { runbook } = loadRunbook('test/fixtures/posix-probes.yaml');
    const posix = buildPlan(runbook, loadEnvironment('test/fixtures/posix-host.env.yaml'), {}, (_h, a) =>
      a.join(' '),
    );
    expect(posix[0]!.pre[0]).toContain(
      "$ systemctl show -p LoadState -p ActiveState 'postgresql'   # expect active",
    );
    const windows = buildPlan(runbook, loadEnvironment('test/fixtures/two-hosts.env.yaml'), {}, (_h, a) =>
      a.join(' '),
    );
    expect(windows[0]!.pre[0]).toContain("PS> (Get-Service -Name 'postgresql').Status");
  });
});
