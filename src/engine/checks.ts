import { parseDuration } from '../runbook/duration.js';
import {
  interpolate,
  interpolateArgv,
  interpolateKnown,
  UnknownVariableError,
  type Variables,
} from '../runbook/interpolate.js';
import type { Check } from '../runbook/schema.js';
import { interpolateExpect } from '../runbook/interpolate-expect.js';
import { interpolatePattern } from '../runbook/interpolate-pattern.js';
import { describeCheck, describeExpect } from '../runbook/describe-check.js';
import { captureVariables, evaluateCommand } from './evaluate-command.js';
import type { Clock, Operator, Probe, Transport } from './ports.js';

export type CheckContext = {
  transport: Transport;
  /** the step's host, used when the check names none */
  host: string;
  variables: Variables;
  /** lab or real time at which the step began; event checks look from here */
  stepStartMs: number;
  /** bound for this try (the rest of the wait); default: the check's own timeout */
  timeoutMs?: number;
  clock: Clock;
  signal?: AbortSignal;
};

export type CheckResult = {
  ok: boolean;
  label: string;
  host: string;
  expected: string;
  observed: string;
  captured: Record<string, string>;
};

const DEFAULT_CHECK_TIMEOUT_MS = 120_000;

/** One try of a check is bounded by its own timeout, else by its wait's, else by two minutes. */
export function checkTimeoutMs(check: Check): number {
  if (check.timeout) return parseDuration(check.timeout);
  if (check.wait) return parseDuration(check.wait.timeout);
  return DEFAULT_CHECK_TIMEOUT_MS;
}

/** Run one check once. */
export async function runCheck(check: Check, context: CheckContext): Promise<CheckResult> {
  try {
    return await runCheckOnce(check, context);
  } catch (error) {
    // A check that needs a value an earlier check failed to capture cannot run: it fails, it does not crash.
    if (!(error instanceof UnknownVariableError || error instanceof ProbeValueError)) throw error;
    const label = interpolateKnown(describeCheck(check), context.variables);
    const host = check.on ? interpolateKnown(check.on, context.variables) : context.host;
    return {
      ok: false,
      label,
      host,
      expected: 'the check to run',
      observed:
        error instanceof ProbeValueError
          ? error.message
          : `not run: it needs {{${error.variable}}}, which no earlier check captured`,
      captured: {},
    };
  }
}

async function runCheckOnce(check: Check, context: CheckContext): Promise<CheckResult> {
  const host = check.on ? interpolate(check.on, context.variables) : context.host;
  const label = interpolate(describeCheck(check), context.variables);
  if ('run' in check) {
    const argv = interpolateArgv(check.run, context.variables);
    const stdin = check.stdin === undefined ? undefined : interpolate(check.stdin, context.variables);
    const result = await context.transport.exec(host, argv, {
      timeoutMs: context.timeoutMs ?? checkTimeoutMs(check),
      signal: context.signal,
      ...(stdin === undefined ? {} : { stdin }),
    });
    const expect = interpolateExpect(check.expect, context.variables);
    const evaluation = evaluateCommand(result, expect);
    const captured = evaluation.ok && check.capture ? captureVariables(result.stdout, check.capture) : {};
    return { ...evaluation, label, host, expected: describeExpect(expect), captured };
  }
  const probe = toProbe(check, context);
  const bound = AbortSignal.timeout(context.timeoutMs ?? checkTimeoutMs(check));
  const signal = context.signal ? AbortSignal.any([context.signal, bound]) : bound;
  const result = await context.transport.probe(host, probe, { signal });
  return {
    ok: result.ok,
    observed: result.observed,
    label,
    host,
    expected: describeProbe(probe),
    captured: {},
  };
}

/** Run a check, polling while it fails if it has a `wait`, telling the operator what it is waiting for. */
export async function waitForCheck(
  check: Check,
  context: CheckContext,
  operator: Operator,
): Promise<CheckResult> {
  const started = context.clock.now();
  const wallStarted = context.clock.wallNow();
  const timeoutMs = check.wait ? parseDuration(check.wait.timeout) : 0;
  const intervalMs = check.wait ? parseDuration(check.wait.interval) : 0;
  const ownTimeoutMs = checkTimeoutMs(check);
  for (;;) {
    const elapsed = context.clock.now() - started;
    // A try never runs past the end of the wait (a hung command cannot stretch a 5s wait to minutes).
    const left = check.wait ? Math.max(timeoutMs - elapsed, 1000) : ownTimeoutMs;
    const result = await runCheck(check, { ...context, timeoutMs: Math.min(ownTimeoutMs, left) });
    const waited = context.clock.now() - started;
    if (result.ok || waited >= timeoutMs || context.signal?.aborted) return result;
    operator.show({
      kind: 'waiting',
      text: `${result.label}: ${result.observed}`,
      elapsedMs: waited,
      timeoutMs,
      label: result.label,
      host: result.host,
      observed: result.observed,
      wallElapsedMs: context.clock.wallNow() - wallStarted,
      ...((context.clock.scale ?? 1) !== 1 ? { labClock: true } : {}),
    });
    await context.clock.sleep(Math.min(intervalMs, timeoutMs - waited), context.signal);
  }
}

function toProbe(check: Exclude<Check, { run: unknown }>, context: CheckContext): Probe {
  const v = context.variables;
  if ('service' in check)
    return { kind: 'service', name: interpolate(check.service.name, v), state: check.service.state };
  if ('file' in check) {
    return {
      kind: 'file',
      path: interpolate(check.file.path, v),
      exists: check.file.exists,
      ...(check.file.maxAge ? { maxAgeSec: parseDuration(check.file.maxAge) / 1000 } : {}),
      ...(check.file.sha256 ? { sha256: interpolate(check.file.sha256, v) } : {}),
    };
  }
  if ('port' in check)
    return { kind: 'port', host: interpolate(check.port.host, v), port: toPortNumber(check.port.port, v) };
  if ('event' in check) {
    return {
      kind: 'event',
      ids: check.event.ids,
      source: check.event.source,
      sinceMs: context.stepStartMs,
      present: check.event.present,
      ...(check.event.message ? { message: interpolatePattern(check.event.message, v) } : {}),
    };
  }
  return { kind: 'registry', key: interpolate(check.registry.key, v), exists: check.registry.exists };
}

/** A probe value that is not what the probe needs once its variables are in (a port that is not a number). */
export class ProbeValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeValueError';
  }
}

function toPortNumber(port: number | string, v: CheckContext['variables']): number {
  if (typeof port === 'number') return port;
  const value = interpolate(port, v).trim();
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= 65535))
    throw new ProbeValueError(`not run: ${port} is "${value}", not a port number (1-65535)`);
  return number;
}

function describeProbe(probe: Probe): string {
  switch (probe.kind) {
    case 'service':
      return `${probe.name} ${probe.state}`;
    case 'file':
      return probe.exists
        ? `file present${probe.sha256 ? ` with sha256 ${probe.sha256.slice(0, 12)}…` : ''}`
        : 'file absent';
    case 'port':
      return `${probe.host}:${probe.port} accepts connections`;
    case 'event':
      return `${probe.source} event ${probe.ids.join(' or ')} ${probe.present ? 'logged' : 'not logged'} since the step began`;
    case 'registry':
      return `key ${probe.exists ? 'present' : 'absent'}`;
  }
}
