import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRunbook } from '../../src/runbook/lint-rules.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { listShippedRunbookFiles, parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { formatProblem } from '../../src/runbook/parse-yaml.js';
import { extractPartialRunbook } from '../../src/runbook/partial-runbook.js';

const lint = (file: string, envFile?: string) => {
  const parsed = parseRunbookFile(file);
  const env = envFile ? loadEnvironment(envFile) : undefined;
  const partial = parsed.value ? undefined : extractPartialRunbook(parsed.raw);
  const rules = parsed.value
    ? lintRunbook(parsed.value, file, parsed.locate, env)
    : partial
      ? lintRunbook(partial.runbook, file, parsed.locate, undefined, partial.partial)
      : [];
  return [...parsed.problems, ...rules].sort((a, b) => a.line - b.line || a.col - b.col).map(formatProblem);
};

describe('lint', () => {
  it('reports every planted problem of a bad runbook at its line and column', () => {
    const file = 'test/fixtures/planted-problems.yaml';
    expect(lint(file, 'test/fixtures/two-hosts.env.yaml')).toEqual([
      `${file}:14:21 unknown variable {{nowhere}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
      `${file}:15:9 duplicate step id "first-step": step ids must be unique (resume and answers files use them)`,
      `${file}:18:5 step "first-step" has an action but no post-check: add post: checks that prove it worked`,
      `${file}:18:5 step "first-step" has an action but neither rollback: nor irreversible: <reason>`,
      `${file}:23:16 step "not-defined" is referenced but not defined before this step`,
      `${file}:25:40 secret {{password}} may only be passed on stdin (of an action or a check), never in argv, paths, text or conditions`,
      `${file}:31:9 host NOPE01 is not in environment "two-hosts"`,
      // Only the first: the second passes the value as an argument, as the message asks.
      `${file}:38:23 {{target}} is pasted into sh -c code, where a quote or ; in its value would run as a command: pass it as an argument after the script and use "$1" there`,
      `${file}:40:24 {{target}} is pasted into cmd /c code, which has no quoting safe for every value: run the program itself as an argv array instead`,
    ]);
  });

  it('lists YAML and schema problems together, each located, never only the first', () => {
    const file = 'test/fixtures/bad-syntax.yaml';
    expect(lint(file)).toEqual([
      `${file}:1:1 summary: required (expected string)`,
      `${file}:1:1 sources: required (expected array)`,
      `${file}:1:1 rto: required (expected string)`,
      `${file}:3:1 DUPLICATE_KEY: Map keys must be unique`,
      `${file}:5:9 steps.0.id: ids are kebab-case: lower-case letters, digits and dashes; found "Not_Kebab" (text)`,
      `${file}:6:12 steps.0.title: Too small: expected string to have >=1 characters; found "" (text)`,
      `${file}:7:5 steps.0: Unrecognized key: "sudo"`,
    ]);
  });

  it('locates a condition that does not parse at its line and column, and warns of a value captured only by a conditional step', () => {
    const file = 'test/fixtures/condition-problems.yaml';
    expect(lint(file)).toEqual([
      `${file}:11:26 condition "{{mode}} == a b" does not parse: unexpected "b" (quote text with spaces: '…'; join conditions with and / or). Write e.g. mode == 'primary' and not dryRun (see the README's condition language)`,
      `${file}:19:9 step "use-it" uses {{v}}, captured only by "maybe-capture" (when: mode == 'x'): when that step is not needed the value is missing and the run stops to ask for it. Give this step the same when:, or capture the value in a step that always runs`,
      `${file}:24:19 unknown variable primary in the condition: if it is text, quote it ('primary'); if it is a value, define it as an input, a capture of an earlier step, or list it in environmentVars`,
    ]);
  });

  it('lists schema problems and rule problems of one file at once, saying which kinds are allowed and what was found (defects 15, 16)', () => {
    const file = 'test/fixtures/schema-and-rule-problems.yaml';
    expect(lint(file)).toEqual([
      `${file}:10:40 steps.0.pre.0.port.port: a port number, or one {{variable}} holding one; found "80x" (text)`,
      `${file}:14:9 steps.1.pre.0: expected one of: run, service, file, port, event, registry (each with only its own keys); found run, and run.0: expected text, found true (boolean) (YAML reads true as a boolean: quote it, "true")`,
      `${file}:18:21 unknown variable {{nowhere}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
      `${file}:19:9 duplicate step id "echo": step ids must be unique (resume and answers files use them)`,
    ]);
  });

  it('reports a file that cannot be read as a located problem', () => {
    expect(lint('test/fixtures/does-not-exist.yaml')[0]).toMatch(
      /^test\/fixtures\/does-not-exist.yaml:1:1 cannot read: ENOENT/,
    );
  });

  it('passes every shipped runbook, and the PostgreSQL example with its environment', () => {
    for (const file of listShippedRunbookFiles()) expect(lint(file), file).toEqual([]);
    const example = 'runbooks/examples/postgres-promote-replica.yaml';
    expect(lint(example, 'runbooks/examples/postgres-loopback.env.yaml')).toEqual([]);
  });

  it('keeps runbooks/runbook.schema.json equal to the zod schema (npm run schema regenerates it)', async () => {
    const { createRunbookJsonSchema, createEnvironmentJsonSchema } = await import(
      '../../src/runbook/json-schema.js'
    );
    expect(JSON.parse(readFileSync('runbooks/runbook.schema.json', 'utf8'))).toEqual(
      createRunbookJsonSchema(),
    );
    expect(JSON.parse(readFileSync('runbooks/environments/environment.schema.json', 'utf8'))).toEqual(
      createEnvironmentJsonSchema(),
    );
  });
});
