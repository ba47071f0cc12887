import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createClock } from '../../src/engine/clock.js';
import type { EngineDeps, RunContext } from '../../src/engine/engine-context.js';
import type { EngineEvent } from '../../src/engine/events.js';
import type { Approver, Transport } from '../../src/engine/ports.js';
import { type RunOptions, runRunbook } from '../../src/engine/run-runbook.js';
import { createRedactor } from '../../src/operator/redact.js';
import type { Environment } from '../../src/runbook/environment-schema.js';
import { RunbookSchema } from '../../src/runbook/schema.js';
import { createLocalTransport } from '../../src/transports/local.js';
import { createEnvironmentTransport } from '../../src/transports/environment-transport.js';
import { createScriptedOperator, type ScriptedAnswer } from './scripted-operator.js';

export function makeWorkDir(): string {
  return mkdtempSync(join(tmpdir(), 'sso-engine-'));
}

export const localEnvironment = (vars: Record<string, string> = {}): Environment => ({
  name: 'test',
  drill: false,
  hosts: { localhost: { roles: ['local'], transport: { type: 'local' } } },
  vars,
});

/** Run a runbook (YAML text) through the real engine with a scripted operator and real local commands. */
export async function runScripted(
  yamlText: string,
  script: ScriptedAnswer[],
  options: {
    environment?: Environment;
    transport?: Transport;
    /** the two-person rule's approver (the environment's policy decides when it is asked) */
    approver?: Approver;
    vars?: Record<string, string>;
    /** continue as a resume would (completed steps, where to pick up, steps done on paper) */
    runOptions?: Omit<RunOptions, 'runbookSha256'>;
  } = {},
) {
  const runbook = RunbookSchema.parse(parse(yamlText));
  const environment = options.environment ?? localEnvironment(options.vars);
  const { operator, shown, prompts, menus, remaining } = createScriptedOperator(script);
  const redactor = createRedactor();
  const events: EngineEvent[] = [];
  const clock = createClock();
  const deps: EngineDeps = {
    operator,
    transport:
      options.transport ??
      (options.environment ? createEnvironmentTransport(environment) : createLocalTransport()),
    emit: (event) => events.push(redactor.redactDeep(event)),
    clock,
    secrets: redactor,
    ...(options.approver ? { approver: options.approver } : {}),
  };
  const run: RunContext = {
    runId: 'test-run',
    runbook,
    runbookFile: 'inline.yaml',
    environment,
    variables: { ...environment.vars, ...options.vars, runId: 'test-run' },
    secretKeys: new Set(),
    startedAtMs: clock.wallNow(),
    done: new Set(),
  };
  const result = await runRunbook(deps, run, { runbookSha256: 'x', ...options.runOptions });
  return {
    result,
    events,
    shown,
    prompts,
    menus,
    remaining,
    variables: run.variables,
    types: events.map((e) => e.type),
  };
}

/** A minimal runbook around the given `steps:` YAML, for engine tests. */
export const runbookHeader = (steps: string) => `
id: t
title: T
summary: test
sources: [test]
rto: 1m
${steps}`;
