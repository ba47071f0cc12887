import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRunbook } from '../../src/runbook/lint-rules.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { listShippedRunbookFiles, parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { formatProblem } from '../../src/runbook/parse-yaml.js';

const lint = (file: string, envFile?: string) => {
  const parsed = parseRunbookFile(file);
  const env = envFile ? loadEnvironment(envFile) : undefined;
  const problems = parsed.value
    ? [...parsed.problems, ...lintRunbook(parsed.value, file, parsed.locate, env)]
    : parsed.problems;
  return problems.map(formatProblem);
};

describe('lint', () => {
  it('reports every planted problem of a bad runbook at its line and column', () => {
    const file = 'test/fixtures/planted-problems.yaml';
    const uncited = (line: number, id: string) =>
      `${file}:${line}:9 step "${id}" cites no source: add sources: with a Microsoft page ({ title, url }) or { site-practice: <why> }`;
    expect(lint(file, 'test/fixtures/two-hosts.env.yaml')).toEqual([
      uncited(10, 'first-step'),
      `${file}:14:21 unknown variable {{nowhere}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
      `${file}:15:9 duplicate step id "first-step": step ids must be unique (resume and answers files use them)`,
      uncited(15, 'first-step'),
      `${file}:18:5 step "first-step" has an action but no post-check: add post: checks that prove it worked`,
      `${file}:18:5 step "first-step" has an action but neither rollback: nor irreversible: <reason>`,
      uncited(20, 'leaks-secret'),
      `${file}:23:16 step "not-defined" is referenced but not defined before this step`,
      `${file}:25:40 secret {{password}} may only be passed on stdin (action.stdin), never in argv, paths, text or conditions`,
      uncited(29, 'unknown-host'),
      `${file}:31:9 host NOPE01 is not in environment "two-hosts"`,
      uncited(34, 'shell-code'),
      // Only the first: the second passes the value as an argument, as the message asks.
      `${file}:38:23 {{target}} is pasted into sh -c code, where a quote or ; in its value would run as a command: pass it as an argument after the script and use "$1" there`,
      `${file}:40:24 {{target}} is pasted into cmd /c code, which has no quoting safe for every value: run the program itself as an argv array instead`,
    ]);
  });

  it('reports a step that cites neither a Microsoft page nor a site-practice reason (the reference alone is not enough)', () => {
    const file = 'test/fixtures/uncited-steps.yaml';
    const cites = (id: string, at: string) =>
      `${file}:${at} step "${id}" cites no source: add sources: with a Microsoft page ({ title, url }) or { site-practice: <why> }`;
    expect(lint(file)).toEqual([cites('reference-only', '22:9'), cites('no-sources', '28:9')]);
  });

  it('accepts a Microsoft page only by its learn.microsoft.com address', () => {
    const file = 'test/fixtures/source-not-on-learn.yaml';
    expect(lint(file)).toEqual([
      `${file}:10:34 steps.0.sources.0.url: cite the page by its published address: https://learn.microsoft.com/…`,
    ]);
  });

  it('lists YAML and schema problems together, each located, never only the first', () => {
    const file = 'test/fixtures/bad-syntax.yaml';
    expect(lint(file)).toEqual([
      `${file}:1:1 summary: required (expected string)`,
      `${file}:1:1 sources: required (expected array)`,
      `${file}:1:1 rto: required (expected string)`,
      `${file}:3:1 DUPLICATE_KEY: Map keys must be unique`,
      `${file}:5:9 steps.0.id: ids are kebab-case: lower-case letters, digits and dashes`,
      `${file}:6:12 steps.0.title: Too small: expected string to have >=1 characters`,
      `${file}:7:5 steps.0: Unrecognized key: "sudo"`,
    ]);
  });

  it('reports a file that cannot be read as a located problem', () => {
    expect(lint('test/fixtures/does-not-exist.yaml')[0]).toMatch(
      /^test\/fixtures\/does-not-exist.yaml:1:1 cannot read: ENOENT/,
    );
  });

  it('passes every shipped runbook', () => {
    for (const file of listShippedRunbookFiles()) expect(lint(file), file).toEqual([]);
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
