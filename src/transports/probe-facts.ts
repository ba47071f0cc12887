import { compilePattern } from '../runbook/pattern.js';
import type { ExecResult, Probe, ProbeResult } from '../engine/ports.js';

/**
 * Judging what a probe script printed (one line of JSON facts) against what the check expects. The same
 * facts come from PowerShell on Windows hosts and from sh on POSIX hosts, so the verdicts read the same.
 */
const STATES: Record<string, string> = {
  Running: 'running',
  Stopped: 'stopped',
  StartPending: 'start-pending',
  StopPending: 'stop-pending',
};

type Facts = Record<string, unknown>;

/** Judge what a probe script printed; a script that failed is reported with what it said. */
export function readProbeFacts(probe: Probe, host: string, result: ExecResult): ProbeResult {
  const facts = parseLastJsonLine(result.stdout);
  if (result.exitCode !== 0 || !facts) {
    const why = result.error ?? (result.stderr.trim().split('\n').at(-1) || `exit code ${result.exitCode}`);
    return { ok: false, observed: `could not check ${probe.kind} on ${host}: ${why}` };
  }
  return judge(probe, host, facts);
}

function judge(probe: Probe, host: string, facts: Facts): ProbeResult {
  switch (probe.kind) {
    case 'service': {
      if (facts.found !== true)
        return { ok: probe.state === 'missing', observed: `${probe.name} is not installed on ${host}` };
      const state = STATES[String(facts.status)] ?? String(facts.status).toLowerCase();
      return {
        ok: state === probe.state,
        observed: `${probe.name} (${facts.displayName}) on ${host} is ${state}`,
      };
    }
    case 'file':
      return judgeFile(probe, host, facts);
    case 'port':
      return facts.tcpTestSucceeded === true
        ? {
            ok: true,
            observed: `${probe.host}:${probe.port} is reachable from ${host} (${facts.remoteAddress})`,
          }
        : { ok: false, observed: `${probe.host}:${probe.port} is not reachable from ${host}` };
    case 'event':
      return judgeEvents(probe, host, facts);
    case 'registry':
      return {
        ok: (facts.exists === true) === probe.exists,
        observed: `${probe.key} ${facts.exists === true ? 'exists' : 'does not exist'} on ${host}`,
      };
  }
}

function judgeFile(probe: Extract<Probe, { kind: 'file' }>, host: string, facts: Facts): ProbeResult {
  if (facts.exists !== true)
    return { ok: !probe.exists, observed: `${probe.path} does not exist on ${host}` };
  const ageSec = Number(facts.ageSec);
  const sha256 = typeof facts.sha256 === 'string' ? facts.sha256 : undefined;
  const fresh = probe.maxAgeSec === undefined || ageSec <= probe.maxAgeSec;
  const same = probe.sha256 === undefined || probe.sha256.toLowerCase() === sha256;
  const hash = sha256 ? `, sha256 ${sha256.slice(0, 12)}…` : '';
  return {
    ok: probe.exists && fresh && same,
    observed: `${probe.path} exists on ${host} (${facts.size} bytes, ${ageSec} s old${hash})`,
  };
}

function judgeEvents(probe: Extract<Probe, { kind: 'event' }>, host: string, facts: Facts): ProbeResult {
  const events = Array.isArray(facts.events)
    ? (facts.events as { id: number; timeMs: number; message: string }[])
    : [];
  const pattern =
    probe.message === undefined ? undefined : compilePattern(probe.message, { ignoreCase: true });
  const match = events.find((event) => !pattern || pattern.test(event.message));
  const ids = probe.ids.join('/');
  const since = new Date(probe.sinceMs).toISOString();
  if (!match)
    return { ok: !probe.present, observed: `no event ${ids} from ${probe.source} on ${host} since ${since}` };
  const when = new Date(match.timeMs).toISOString();
  const first = match.message.split(/\r?\n/)[0];
  return { ok: probe.present, observed: `event ${match.id} on ${host} at ${when}: ${first}` };
}

function parseLastJsonLine(stdout: string): Facts | undefined {
  const line = stdout.trim().split(/\r?\n/).at(-1);
  if (!line) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null ? (value as Facts) : undefined;
  } catch {
    return undefined;
  }
}
