import { describe, expect, it } from 'vitest';
import { runCli, runDrill } from '../support/run-cli.js';

type PlanJson = {
  assumed: { name: string; value: string; readBy?: string }[];
  steps: {
    id: string;
    number: number;
    total: number;
    host: string;
    runs: 'yes' | 'no' | 'maybe';
    skips?: { host: string; reason: string }[];
    condition?: string;
  }[];
};

const DESIGNATE = 'designate-new-master-secret-server';
const EXAMPLE = 'runbooks/environments/example.yaml';

function plan(args: string[]): PlanJson {
  const result = runCli(['plan', DESIGNATE, ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as PlanJson;
}

describe('plan resolves a runbook exactly as a run with the same values would', () => {
  it('lists exactly the steps and hosts a drill with the same choice executes, in order', () => {
    const { events, labDir, json } = runDrill();
    expect(json.passed).toBe(true);
    // The drill also says how long the same run takes on real servers: its waits at their lab length.
    expect(json.labElapsedMs).toBeGreaterThan(json.elapsedMs);
    const chosen = events.find((e) => e.type === 'input-provided' && e.key === 'newMss')?.value as string;
    const started = events
      .filter((e) => e.type === 'step-started')
      .map((e) => ({ id: e.stepId as string, host: e.host as string | undefined }));
    const planned = plan(['--env', `${labDir}/environment.yaml`, '--var', `newMss=${chosen}`]);
    // The old MSS "returns" only under a fault: that step is the one a value read during the run decides.
    // A step whose condition reads a value only the run knows is 'maybe': it ran or not, as the run read it.
    const decided = planned.steps.filter(
      (s) => s.runs === 'yes' || (s.runs === 'maybe' && started.some((x) => x.id === s.id)),
    );
    expect(decided.map((s) => s.id)).toEqual(started.map((s) => s.id));
    for (const step of started.filter((s) => s.host)) {
      expect(decided.find((s) => s.id === step.id)?.host).toBe(step.host);
    }
    expect(planned.steps.filter((s) => s.runs === 'maybe').map((s) => s.id)).toEqual([
      'start-dependents-on-new-mss',
      'disable-entsso-on-old-mss',
    ]);

    // The "done when": the documented command, on the example environment (the same SSO servers as
    // the lab), prints exactly the steps and hosts this drill executed with the same choice.
    expect(chosen).toBe('BTS01');
    const printed = runCli(['plan', DESIGNATE, '--env', EXAMPLE, '--var', 'newMss=BTS01']);
    expect(printed.status, printed.stderr).toBe(0);
    const headings = printed.stdout
      .split('\n')
      .map((line) => /^(\d+)\. .+? {2}\[([^\]]+)\] on (.+?)(?:, \d+ of \d+ servers)?$/.exec(line))
      .filter((m) => m !== null)
      .map(([, number, id, host]) => ({ number: Number(number), id: id!, host: host! }));
    const maybe = new Set(planned.steps.filter((s) => s.runs === 'maybe').map((s) => s.id));
    const executed = headings.filter((h) => !maybe.has(h.id) || started.some((x) => x.id === h.id));
    expect(executed.map((h) => h.id)).toEqual(started.map((s) => s.id));
    // The host a step ran on: its step-started names it. A step journaled without one is done by hand, or
    // its host is its own input (choose-new-mss): then the plan names a host its checks ran on.
    const checkedOn = (id: string) =>
      events.filter((e) => e.stepId === id && e.type.startsWith('check-')).map((e) => e.host);
    expect(started.every((s) => !s.host?.includes('{{'))).toBe(true);
    for (const [i, step] of started.entries()) {
      const shown = executed[i]!.host;
      if (step.host) expect(shown, step.id).toBe(step.host);
      else if (shown !== 'you, by hand') expect(checkedOn(step.id), step.id).toContain(shown);
    }
    expect(executed.find((h) => h.id === 'confirm-mss-is-lost')?.host).toBe('you, by hand');
    // Numbered as the run numbered them on the screen.
    const numbers = events.filter((e) => e.type === 'step-started').map((e) => e.index as number);
    expect(executed.map((h) => h.number)).toEqual(numbers);
  }, 120_000);

  it('on the example environment with --var newMss=BTS01: one numbering, which hosts each repeated step skips and why', () => {
    const planned = plan(['--env', EXAMPLE, '--var', 'newMss=BTS01']);
    expect(planned.assumed).toEqual([{ name: 'oldMss', value: 'SSO01', readBy: 'read-current-mss' }]);
    const refresh = planned.steps.filter((s) => s.id.startsWith('refresh-lagging-sso-server'));
    expect(refresh.map((s) => s.id)).toEqual(['refresh-lagging-sso-server@BTS02']);
    expect(refresh[0]!.skips).toEqual([
      { host: 'SSO01', reason: 'it is oldMss' },
      { host: 'BTS01', reason: 'it is newMss' },
    ]);
    // A step repeated per server keeps the runbook's number: 30 steps, whatever the servers.
    expect(new Set(planned.steps.map((s) => s.total))).toEqual(new Set([30]));
    expect(
      planned.steps.filter((s) => s.id.startsWith('repoint-sso-server-setting')).map((s) => s.number),
    ).toEqual([21, 21]);
    expect(planned.steps.find((s) => s.id === 'write-test-by-hand')).toMatchObject({ runs: 'no' });
    const text = runCli(['plan', DESIGNATE, '--env', EXAMPLE, '--var', 'newMss=BTS01']).stdout;
    // Counted as the screen numbers steps: never more steps than the runbook has.
    expect(text).toContain(
      '30 steps; a run with these values executes 27 of them (33 times, counting each server of a step repeated per server), 2 more only if a value read during the run says so, 1 not needed',
    );
    expect(text).toContain(
      '20. Restart ENTSSO and its dependent services on BTS02, only if it has not fetched the secret',
    );
    expect(text).toContain('skips: SSO01 (it is oldMss), BTS01 (it is newMss)');
    // The decision that the old MSS is lost is the operator's: not done "on SSO01", the dead server;
    // only the look at it runs there.
    expect(text).toContain(
      '8. Confirm that SSO01 is lost, not just slow  [confirm-mss-is-lost] on you, by hand',
    );
    expect(text).toContain('before: on SSO01: ENTSSO on SSO01');
    expect(text).toContain(
      'not needed here: writeTestApp is set (SSO_SmokeTest); it runs only when writeTestApp is not set',
    );
    // Only values typed during the run stay blank: the backup file, the captured application, the run id.
    expect(
      text.match(/\{\{\w+\}\}/g)?.filter(
        (v) =>
          ![
            '{{restoreFile}}',
            '{{configApp}}',
            '{{runId}}',
            // captured during the run, on the servers themselves
            '{{entssoUser}}',
            '{{newMssDependents}}',
            '{{oldMssStartType}}',
            '{{previousServerAll}}',
            '{{ssoAdminGroup}}',
            // read from the backup record off the server
            '{{recordedSha256}}',
          ].includes(v),
      ),
    ).toEqual([]);
  });

  it('export --var resolves the paper checklist the same way: the chosen server, the skipped hosts, no step that will not run', () => {
    const result = runCli(['export', DESIGNATE, '--env', EXAMPLE, '--var', 'newMss=BTS01', '--format', 'md']);
    expect(result.status, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md).toContain('30 steps, 35 to tick on the hosts of this environment');
    expect(md).toContain(
      '### ☐ 20. Restart ENTSSO and its dependent services on BTS02, only if it has not fetched the secret · BTS02, 1 of 1 servers',
    );
    expect(md).toContain('Not on SSO01 (it is oldMss), BTS01 (it is newMss).');
    expect(md).toContain('### 26. Encryption works (write test in the BizTalk console) — not needed here');
    expect(md).not.toContain('[newMss:');
    expect(md).not.toContain('[oldMss:');
    expect(md).not.toContain('refresh-lagging-sso-server@SSO01');
    // A check says what it checks and what to expect on its box's line; its command stands whole under it.
    expect(md).toContain(
      "- ☐ on BTS01: ENTSSO on BTS01 uses SSODB → exit code 0, output showing \"SSODB\"\n  - `PS> & 'C:\\Program Files\\Common Files\\Enterprise Single Sign-On\\ssoconfig.exe' '-showDB'`",
    );
    expect(md).toContain(
      '- ☐ on BTS01: SQL01:1433 is reachable from BTS01 → expect SQL01:1433 accepts connections\n  - `PS> Test-NetConnection',
    );
  });
});
