import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createInProcessLabRunner } from '../../src/drill/in-process-lab-runner.js';
import { loadLab } from '../../src/drill/load-lab.js';
import { execLabTool, initLab } from '../../src/lab/index.js';
import type { Transport } from '../../src/engine/ports.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { holdEnvironmentLease } from '../../src/session/hold-environment-lease.js';
import { createLabTransport } from '../../src/transports/lab.js';
import { leaseCommand, leasePath } from '../../src/transports/lease-scripts.js';
import { makeTempDir } from '../support/run-cli.js';
import { createScriptedOperator, type ScriptedAnswer } from '../support/scripted-operator.js';

async function createLab(faults: string[] = [], servers?: string[]) {
  const dir = join(makeTempDir('sso-lease-'), 'lab');
  initLab({ dir, faults, ...(servers ? { servers } : {}) });
  const environment = loadEnvironment(join(dir, 'environment.yaml'));
  const transport = createLabTransport(dir, createInProcessLabRunner(await loadLab(), dir));
  return { dir, environment, transport };
}

type Lab = Awaited<ReturnType<typeof createLab>>;

function lease(lab: Lab, runId: string, answers: ScriptedAnswer[] = [], now?: () => number) {
  const scripted = createScriptedOperator(answers);
  const held = holdEnvironmentLease({
    environment: lab.environment,
    transport: lab.transport,
    runId,
    stateDir: `/home/ops/${runId}-state`,
    operator: scripted.operator,
    show: (message) => scripted.operator.show(message),
    ...(now ? { now } : {}),
  });
  return { held, scripted };
}

/** The marker on a lab server, as an administrator would read it there. */
function readMarker(lab: Lab, host: string): string | undefined {
  const argv = leaseCommand(
    { op: 'acquire', path: leasePath('lab'), token: 'probe', lease: '{}' },
    'windows',
  )!;
  const result = execLabTool(lab.dir, host, argv);
  if (result.stdout.startsWith('acquired')) {
    execLabTool(
      lab.dir,
      host,
      leaseCommand({ op: 'release', path: leasePath('lab'), token: 'probe' }, 'windows')!,
    );
    return undefined;
  }
  return result.stdout.split('\r\n')[1];
}

describe('the lease of an environment on its SSO servers', () => {
  it('is placed on every SSO server, says who holds it, and is removed at the end', async () => {
    const lab = await createLab();
    const { held } = lease(lab, 'run-a');
    const first = await held;
    expect(first.hosts).toEqual(['BTS01', 'BTS02', 'SSO01']);
    const marker = JSON.parse(readMarker(lab, 'SSO01')!);
    expect(marker).toMatchObject({ runId: 'run-a', stateDir: '/home/ops/run-a-state', pid: process.pid });
    expect(Date.parse(marker.expires) - Date.parse(marker.since)).toBeGreaterThanOrEqual(10 * 60_000);
    await first.release();
    expect(readMarker(lab, 'SSO01')).toBeUndefined();
    expect(readMarker(lab, 'BTS01')).toBeUndefined();
  });

  it('refuses a second run from another state folder with who, from where, since when and how to watch it', async () => {
    const lab = await createLab();
    const first = await lease(lab, 'run-a').held;
    const second = lease(lab, 'run-b');
    await expect(second.held).rejects.toThrow(
      /environment "lab" is held by \S+@\S+ \(run run-a, pid \d+, state folder \/home\/ops\/run-a-state\) since \S+: its lease on BTS01 .* Watch that run on \S+ with `sso-failover watch run-a --state-dir \/home\/ops\/run-a-state`/,
    );
    // the refused run left nothing behind, and the holder still holds every server
    expect(JSON.parse(readMarker(lab, 'SSO01')!).runId).toBe('run-a');
    await first.release();
  });

  it('skips a server that does not answer (the lost MSS) and says so', async () => {
    const lab = await createLab(['mss-lost']);
    const { held, scripted } = lease(lab, 'run-a');
    expect((await held).hosts).toEqual(['BTS01', 'BTS02']);
    expect(JSON.stringify(scripted.shown)).toContain('SSO01 did not answer');
  });

  it('takes over an expired lease only when the operator confirms, with an explicit message', async () => {
    const lab = await createLab();
    const first = await lease(lab, 'run-a').held;
    const later = () => Date.now() + 11 * 60_000;
    const declined = lease(lab, 'run-b', [{ confirm: 'take-over-stale-lock', value: false }], later);
    await expect(declined.held).rejects.toThrow(/left the lease of \S+ \(run run-a/);
    expect(JSON.parse(readMarker(lab, 'BTS01')!).runId).toBe('run-a');
    const taken = lease(lab, 'run-b', [{ confirm: 'take-over-stale-lock', value: true }], later);
    expect((await taken.held).hosts).toEqual(['BTS01', 'BTS02', 'SSO01']);
    // asked once for the holder, not once per server
    expect(taken.scripted.remaining()).toBe(0);
    expect(JSON.stringify(taken.scripted.shown)).toMatch(
      /has an expired lease on BTS01 from .*run run-a.*ran out at/,
    );
    expect(JSON.parse(readMarker(lab, 'SSO01')!).runId).toBe('run-b');
    // the first run's release leaves the new holder's lease alone
    await first.release();
    expect(JSON.parse(readMarker(lab, 'SSO01')!).runId).toBe('run-b');
  });

  it('renews the lease while the run lives, and warns when another run took it over', async () => {
    const lab = await createLab();
    let clock = Date.now();
    const scripted = createScriptedOperator([]);
    const held = await holdEnvironmentLease({
      environment: lab.environment,
      transport: lab.transport,
      runId: 'run-a',
      stateDir: '/home/ops/a',
      operator: scripted.operator,
      show: (message) => scripted.operator.show(message),
      now: () => clock,
      renewEveryMs: 10,
    });
    const placed = JSON.parse(readMarker(lab, 'SSO01')!).expires;
    clock += 5 * 60_000;
    await vi.waitFor(() => expect(JSON.parse(readMarker(lab, 'SSO01')!).expires).not.toBe(placed));
    // run-b takes over after the lease ran out (its clock is 11 minutes on)
    const later = () => clock + 11 * 60_000;
    await lease(lab, 'run-b', [{ confirm: 'take-over-stale-lock', value: true }], later).held;
    await vi.waitFor(() =>
      expect(JSON.stringify(scripted.shown)).toMatch(
        /The lease of this run on BTS01 is now held by \S+ \(run run-b.*talk to them before the next change/,
      ),
    );
    await held.release();
  });

  it('warns when a server it holds the lease on stops answering, since the lease there will run out', async () => {
    const lab = await createLab();
    let cut = false;
    // The transport port as a network would behave once BTS02 is cut off.
    const transport: Transport = {
      ...lab.transport,
      exec: (host, argv, options) =>
        cut && host === 'BTS02'
          ? Promise.resolve({
              ok: false,
              exitCode: null,
              stdout: '',
              stderr: 'no route',
              durationMs: 0,
              timedOut: false,
              canceled: false,
            })
          : lab.transport.exec(host, argv, options),
    };
    const scripted = createScriptedOperator([]);
    const held = await holdEnvironmentLease({
      environment: lab.environment,
      transport,
      runId: 'run-a',
      stateDir: '/home/ops/a',
      operator: scripted.operator,
      show: (message) => scripted.operator.show(message),
      renewEveryMs: 10,
    });
    cut = true;
    await vi.waitFor(() =>
      expect(JSON.stringify(scripted.shown)).toContain(
        'Could not renew the lease of this run on BTS02 (it did not answer). If it stays out of reach for 10 minutes, another operator may take the lease over there.',
      ),
    );
    cut = false;
    await held.release();
  });

  it("takes back this run's own lease (a resume after a crash) without asking", async () => {
    const lab = await createLab();
    await lease(lab, 'run-a').held;
    const resumed = lease(lab, 'run-a');
    expect((await resumed.held).hosts).toEqual(['BTS01', 'BTS02', 'SSO01']);
    expect(JSON.stringify(resumed.scripted.shown)).toContain("Taking back this run's own lease");
  });

  it('keeps a user name with a quote intact through the PowerShell quoting', async () => {
    const lab = await createLab();
    const lease = JSON.stringify({ user: "o'brien", token: 't1' });
    const acquire = leaseCommand({ op: 'acquire', path: leasePath("it's"), token: 't1', lease }, 'windows')!;
    expect(acquire.at(-1)).toContain('$lease = \'{"user":"o\'\'brien"');
    expect(execLabTool(lab.dir, 'BTS01', acquire).stdout).toBe('acquired\r\n');
    expect(execLabTool(lab.dir, 'BTS01', acquire).stdout).toBe(`held\r\n${lease}\r\n`);
  });

  it('has no PowerShell form for a POSIX host: only Windows servers hold leases', () => {
    expect(leaseCommand({ op: 'release', path: '/x', token: 't' }, 'posix')).toBeUndefined();
  });

  it('asks the first server alone, then the others at once; two runs starting together meet at the first', async () => {
    const lab = await createLab([], ['SSO01', 'BTS01', 'BTS02', 'BTS03', 'BTS04']);
    let inFlight = 0;
    const seen: { host: string; alongside: number }[] = [];
    const slow: Transport = {
      ...lab.transport,
      exec: async (host, argv, options) => {
        inFlight += 1;
        seen.push({ host, alongside: inFlight });
        await new Promise((resolve) => setTimeout(resolve, 30));
        try {
          return await lab.transport.exec(host, argv, options);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const run = (runId: string) =>
      holdEnvironmentLease({
        environment: lab.environment,
        transport: slow,
        runId,
        stateDir: `/home/ops/${runId}-state`,
        operator: createScriptedOperator([]).operator,
        show: () => {},
      });
    const first = await run('run-a');
    // one acquire per SSO server: the first alone, the other four together
    expect(seen).toHaveLength(5);
    expect(seen[0]!.alongside).toBe(1);
    expect(Math.max(...seen.slice(1).map((s) => s.alongside))).toBe(4);
    await first.release();
    const both = await Promise.allSettled([run('run-b'), run('run-c')]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(String((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /is held by .* run-[bc]/,
    );
  });
});
