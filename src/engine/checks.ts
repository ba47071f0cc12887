import { parseDuration } from '../runbook/duration.js';
import {
  interpolate,
  interpolateArgv,
  interpolateKnown,
  UnknownVariableError,
  type Variables,
} from '../runbook/interpolate.js';
import type { Check } from '../runbook/schema.js';
import { describeCheck, describeExpect } from './describe-check.js';
import { captureVariables, evaluateCommand } from './evaluate-command.js';
import type { Clock, Operator, Probe, Transport } from './ports.js';

export type CheckContext = {
  transport: Transport;
  /** the step's host, used when the check names none */
  host: string;
  variables: Variables;
  /** lab or real time at which the step began; event checks look from here */
  stepStartMs: number;
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

const COMMAND_CHECK_TIMEOUT_MS = 120_000;

/** Run one check once. */
export async function runCheck(check: Check, context: CheckContext): Promise<CheckResult> {
  try {
    return await runCheckOnce(check, context);
  } catch (error) {
    // A check that needs a value an earlier check failed to capture cannot run: it fails, it does not crash.
    if (!(error instanceof UnknownVariableError)) throw error;
    const label = interpolateKnown(describeCheck(check), context.variables);
    const host = check.on ? interpolateKnown(check.on, context.variables) : context.host;
    return {
      ok: false,
      label,
      host,
      expected: 'the check to run',
      observed: `not run: it needs {{${error.variable}}}, which no earlier check captured`,
      captured: {},
    };
  }
}

async function runCheckOnce(check: Check, context: CheckContext): Promise<CheckResult> {
  const host = check.on ? interpolate(check.on, context.variables) : context.host;
  const label = interpolate(describeCheck(check), context.variables);
  if ('run' in check) {
    const argv = interpolateArgv(check.run, context.variables);
    const result = await context.transport.exec(host, argv, {
      timeoutMs: COMMAND_CHECK_TIMEOUT_MS,
      signal: context.signal,
    });
    const expect = {
      ...check.expect,
      stdout: check.expect.stdout && interpolate(check.expect.stdout, context.variables),
      notStdout: check.expect.notStdout && interpolate(check.expect.notStdout, context.variables),
    };
    const evaluation = evaluateCommand(result, expect);
    const captured = evaluation.ok && check.capture ? captureVariables(result.stdout, check.capture) : {};
    return { ...evaluation, label, host, expected: describeExpect(expect), captured };
  }
  const probe = toProbe(check, context);
  const result = await context.transport.probe(host, probe, { signal: context.signal });
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
  for (;;) {
    const result = await runCheck(check, context);
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
  if ('port' in check) return { kind: 'port', host: interpolate(check.port.host, v), port: check.port.port };
  if ('event' in check) {
    return {
      kind: 'event',
      ids: check.event.ids,
      source: check.event.source,
      sinceMs: context.stepStartMs,
      present: check.event.present,
      ...(check.event.message ? { message: interpolate(check.event.message, v) } : {}),
    };
  }
  return { kind: 'registry', key: interpolate(check.registry.key, v), exists: check.registry.exists };
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
