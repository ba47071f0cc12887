/**
 * The runbook format. This file is its only definition: types come from z.infer and
 * runbooks/runbook.schema.json is generated from it (`npm run schema`).
 */
import { z } from 'zod';
import { DURATION_PATTERN, isDuration, parseDuration } from './duration.js';
import { findPatternProblem } from './pattern.js';

const kebab = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case letters, digits and dashes');
const varName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'variable names are letters, digits and _');
const duration = z.string().regex(DURATION_PATTERN, 'durations look like 30s, 5m, 1h30m or 250ms');
/** Timeouts and waits are timers: longer than a week is a typo, and past 596 h Node fires them at once. */
const MAX_TIMER_MS = 168 * 3_600_000;
const timer = duration.refine(
  (text) => !isDuration(text) || parseDuration(text) <= MAX_TIMER_MS,
  'timeouts and waits are at most 168h (a week)',
);
const regex = z.string().superRefine((text, context) => {
  const problem = findPatternProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const argv = z.array(z.string()).min(1, 'a command needs at least the program name');

export const InputSchema = z.strictObject({
  type: z.enum(['string', 'host', 'path', 'choice', 'boolean', 'secret']),
  prompt: z.string().min(1),
  default: z.union([z.string(), z.boolean()]).optional(),
  /** a regex the answer must match */
  pattern: regex.optional(),
  /** choices for `choice` inputs */
  choices: z.array(z.string().min(1)).min(1).optional(),
  /** for `host` inputs: hosts of the environment that have this role */
  from: z.string().min(1).optional(),
  /** for `secret` inputs that create a new secret: ask twice */
  confirm: z.boolean().default(false),
  /** answers that are not allowed, e.g. ["{{currentMss}}"] (also removed from host choices) */
  exclude: z.array(z.string()).optional(),
  /** for `secret` inputs: minimum length */
  minLength: z.number().int().positive().optional(),
  /** regexes with named groups matched against the answer; each group becomes a variable (host:port → host, port) */
  capture: z.array(regex).optional(),
  description: z.string().optional(),
});

const wait = z.strictObject({ timeout: timer, interval: timer.default('5s') });

/** Fields every check may carry. */
const checkBase = {
  label: z.string().min(1).optional(),
  /** host the check runs on (default: the step's host) */
  on: z.string().min(1).optional(),
  /** poll until the check passes or the timeout runs out */
  wait: wait.optional(),
  /** how long one try of the check may take (default: the wait's timeout, else 2m) */
  timeout: duration.optional(),
  /** what the operator should do when the check fails */
  advice: z.string().min(1).optional(),
  /** informational: a failure is shown (⚠) but does not fail the step */
  optional: z.boolean().default(false),
  /**
   * checked only when this condition holds (the condition language of a step's `when:`); otherwise the
   * check is shown as not checked, with the condition, and does not count
   */
  when: z.string().min(1).optional(),
};

export const ExpectSchema = z.strictObject({
  exitCode: z.number().int().default(0),
  stdout: regex.optional(),
  stderr: regex.optional(),
  /** stdout must NOT match this */
  notStdout: regex.optional(),
});

export const CheckSchema = z.union([
  z.strictObject({
    ...checkBase,
    run: argv,
    /** written to the command's stdin: how a check gets a secret (e.g. redis-cli --askpass) */
    stdin: z.string().optional(),
    expect: ExpectSchema.default({ exitCode: 0 }),
    /** regexes with named groups; each group becomes a variable */
    capture: z.array(regex).optional(),
  }),
  z.strictObject({
    ...checkBase,
    service: z.strictObject({
      name: z.string().min(1),
      state: z.enum(['running', 'stopped', 'start-pending', 'stop-pending', 'missing']),
    }),
  }),
  z.strictObject({
    ...checkBase,
    file: z.strictObject({
      path: z.string().min(1),
      exists: z.boolean().default(true),
      maxAge: duration.optional(),
      sha256: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...checkBase,
    port: z.strictObject({
      host: z.string().min(1),
      /** a number, or one {{variable}} holding one (e.g. a per-host {{server.port}}) */
      port: z.union([
        z.number().int().min(1).max(65535),
        z.string().regex(/^\{\{[^{}]+\}\}$/, 'a port number, or one {{variable}} holding one'),
      ]),
    }),
  }),
  z.strictObject({
    ...checkBase,
    event: z.strictObject({
      ids: z.array(z.number().int().positive()).min(1),
      /** the event log source (provider), e.g. ENTSSO: no default, the runbook names it */
      source: z.string().min(1),
      message: regex.optional(),
      /** false: the event must NOT have been logged since the step began */
      present: z.boolean().default(true),
    }),
  }),
  z.strictObject({
    ...checkBase,
    registry: z.strictObject({ key: z.string().min(1), exists: z.boolean().default(true) }),
  }),
]);

/** One command of a sequence: an argv (expects exit 0), or `{ run, expect }` with its own expectation. */
const sequenceItem = z.union([
  argv,
  z.strictObject({ run: argv, expect: ExpectSchema.default({ exitCode: 0 }) }),
]);

export const ActionSchema = z.union([
  z.strictObject({
    /** commands run one after another, each judged on its own (a bare argv: exit 0; the last: expect) */
    sequence: z.array(sequenceItem).min(2),
    expect: ExpectSchema.default({ exitCode: 0 }),
    capture: z.array(regex).optional(),
  }),
  z.strictObject({
    run: argv,
    /** written to the command's stdin: the only place a secret may go */
    stdin: z.string().optional(),
    /** attach to the operator's terminal (e.g. the password prompt of ssoconfig) */
    interactive: z.boolean().default(false),
    /**
     * The same action as an operator at the server's console does it, where the tool's own prompt reads the
     * secret without showing it (`ssoconfig -restoreSecret <file>`): the paper checklist prints this instead
     * of `run`, whose secret arrives as a plain line of input that a console would show.
     */
    atConsole: z.strictObject({ run: argv, note: z.string().min(1).optional() }).optional(),
    expect: ExpectSchema.default({ exitCode: 0 }),
    capture: z.array(regex).optional(),
  }),
  z.strictObject({
    write: z.strictObject({ path: z.string().min(1), content: z.string() }),
    /** run this after writing (e.g. ssomanage -updatedb on the written file) */
    run: argv.optional(),
    expect: ExpectSchema.default({ exitCode: 0 }),
    capture: z.array(regex).optional(),
  }),
  z.strictObject({ manual: z.string().min(1) }),
]);

/**
 * One source of a step: a documentation page by title and published https address (for the shipped ENTSSO
 * runbooks, Microsoft's learn.microsoft.com pages — a test holds them to that), the project's own reference
 * (cited in addition, never alone), or `site-practice: <why>` for a step no page documents.
 */
export const StepSourceSchema = z.union([
  z.strictObject({
    title: z.string().min(1),
    url: z
      .string()
      .regex(
        /^https:\/\/\S+$/,
        'cite the page by its published https address (for ENTSSO: https://learn.microsoft.com/…)',
      ),
  }),
  z.strictObject({ reference: z.string().min(1) }),
  z.strictObject({ 'site-practice': z.string().min(1) }),
]);

export const StepSchema = z.strictObject({
  id: kebab,
  title: z.string().min(1),
  /** groups steps for headers, the printable checklist and reports */
  phase: z.string().min(1).optional(),
  instructions: z.string().optional(),
  /** what to do when this step fails, shown with the failure menu */
  advice: z.string().min(1).optional(),
  /** the host the step acts on */
  on: z.string().min(1).optional(),
  /** repeat the step for each host with a role, e.g. { role: sso-server, except: ["{{newMss}}"] } */
  forEach: z
    .strictObject({
      as: varName,
      role: z.string().min(1),
      except: z.array(z.string()).default([]),
      /** check-only steps: every host at once (true: up to 8 at a time; a number: that many) */
      parallel: z.union([z.boolean(), z.number().int().positive()]).default(false),
    })
    .optional(),
  /** run the step only when this variable is set to a non-empty value other than "false" / "no" */
  when: z.string().min(1).optional(),
  /** what this step rests on: Microsoft pages, the project's reference (never alone), or site practice */
  sources: z.array(StepSourceSchema).optional(),
  inputs: z.record(varName, InputSchema).optional(),
  pre: z.array(CheckSchema).default([]),
  /**
   * checks that show the action is not needed on this host (e.g. the server already fetched the secret):
   * run after the pre-checks; when every one passes (waits included) the step is done without its action
   */
  notNeededIf: z.array(CheckSchema).optional(),
  action: ActionSchema.optional(),
  /** ask before the action (default: yes for commands and writes) */
  confirm: z.boolean().optional(),
  /** ids of earlier steps that must have been done (not skipped) before this one runs */
  requires: z.array(kebab).optional(),
  /** stops or changes something people rely on (a service, SSODB, the secret): the confirm defaults to No */
  destructive: z.boolean().default(false),
  timeout: timer.optional(),
  post: z.array(CheckSchema).default([]),
  rollback: ActionSchema.optional(),
  /** why this step cannot be undone; required when there is no rollback */
  irreversible: z.string().min(1).optional(),
});

export const RunbookSchema = z.strictObject({
  $schema: z.string().optional(),
  id: kebab,
  title: z.string().min(1),
  summary: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1, 'cite at least one source document'),
  rto: duration,
  /** variables the environment must define (e.g. ssoToolDir, currentMss) */
  environmentVars: z.array(varName).default([]),
  inputs: z.record(varName, InputSchema).default({}),
  steps: z.array(StepSchema).min(1),
  /**
   * What `plan` and `export` take a value read during the run (a capture) to be until the run reads it,
   * e.g. `oldMss: "{{currentMss}}"`: the server SSODB names is the one the environment calls the MSS.
   * `--var` overrides it; the run always uses what it reads.
   */
  assume: z.record(varName, z.string().min(1)).optional(),
  /**
   * What the report's header states first, for an incident manager: a label and a value made of the run's
   * variables, e.g. `New master secret server: "{{newMss}}"`. A value the run never reached says so.
   */
  headline: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** the lab scenario `sso-failover drill --runbook <id>` sets up (faults may be empty); no block: no drill */
  drill: z.strictObject({ faults: z.array(z.string().min(1)) }).optional(),
  /**
   * A routine runbook meant to run unattended: `plan` and `export` print the `schtasks /Create` command that
   * registers it with the Windows Task Scheduler (values may hold {{variables}} of the environment).
   */
  schedule: z
    .strictObject({
      /** the task's name in the Task Scheduler library, e.g. "sso-failover\\Back up the SSO master secret" */
      taskName: z.string().min(1),
      /** schtasks /SC */
      every: z.enum(['MONTHLY', 'WEEKLY', 'DAILY']),
      /** schtasks /D: the day of the month (MONTHLY) or of the week (WEEKLY, e.g. SUN) */
      day: z
        .string()
        .regex(
          /^([1-9]|[12]\d|3[01]|MON|TUE|WED|THU|FRI|SAT|SUN)$/,
          'a day of the month (1-31) or of the week (MON-SUN)',
        )
        .optional(),
      /** schtasks /ST, 24-hour HH:mm */
      at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm'),
      /** the host the task is registered on */
      host: z.string().min(1),
      /** schtasks /RU: the account the task runs as (its password is asked by /RP *) */
      runAs: z.string().min(1),
      /** the answers file the task's run reads (its secret values from { file } or { env }) */
      answers: z.string().min(1),
    })
    .optional(),
});

export type Runbook = z.infer<typeof RunbookSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Input = z.infer<typeof InputSchema>;
export type Expect = z.infer<typeof ExpectSchema>;
export type StepSource = z.infer<typeof StepSourceSchema>;
