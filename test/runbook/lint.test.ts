import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintRunbook } from '../../src/runbook/lint-rules.js';
import { loadEnvironment } from '../../src/runbook/load-environment.js';
import { listShippedRunbookFiles, parseRunbookFile } from '../../src/runbook/load-runbook.js';
import { formatProblem } from '../../src/runbook/parse-yaml.js';
import { findUncitedSteps } from '../../src/runbook/find-uncited-steps.js';
import { findSecondHopWarnings } from '../../src/runbook/second-hop-warnings.js';
import { runCli } from '../support/run-cli.js';
import { extractPartialRunbook } from '../../src/runbook/partial-runbook.js';

const lint = (file: string, envFile?: string, platform: NodeJS.Platform = 'linux') => {
  const parsed = parseRunbookFile(file);
  const env = envFile ? loadEnvironment(envFile) : undefined;
  const partial = parsed.value ? undefined : extractPartialRunbook(parsed.raw);
  const rules = parsed.value
    ? [
        ...lintRunbook(parsed.value, file, parsed.locate, env, platform),
        ...findUncitedSteps(parsed.value, file, parsed.locate),
      ]
    : partial
      ? [
          ...lintRunbook(partial.runbook, file, parsed.locate, undefined, platform, partial.partial),
          ...findUncitedSteps(partial.runbook, file, parsed.locate),
        ]
      : [];
  return [...parsed.problems, ...rules].sort((a, b) => a.line - b.line || a.col - b.col).map(formatProblem);
};

/** Fixtures about other rules cite nothing: their uncited-step problems are left out here. */
const lintExceptCitations = (file: string, envFile?: string, platform: NodeJS.Platform = 'linux') =>
  lint(file, envFile, platform).filter((problem) => !problem.includes(' cites no source: '));

describe('lint', () => {
  it('reports every planted problem of a bad runbook at its line and column', () => {
    const file = 'test/fixtures/planted-problems.yaml';
    const uncited = (line: number, id: string) =>
      `${file}:${line}:9 step "${id}" cites no source: add sources: with the documentation page it follows ({ title, url }: Microsoft's for ENTSSO) or { site-practice: <why> }`;
    expect(lint(file, 'test/fixtures/two-hosts.env.yaml')).toEqual([
      uncited(10, 'first-step'),
      `${file}:14:21 unknown variable {{nowhere}}: define it as an input, a capture of an earlier step, or list it in environmentVars`,
      `${file}:15:9 duplicate step id "first-step": step ids must be unique (resume and answers files use them)`,
      uncited(15, 'first-step'),
      `${file}:18:5 step "first-step" has an action but no post-check: add post: checks that prove it worked`,
      `${file}:18:5 step "first-step" has an action but neither rollback: nor irreversible: <reason>`,
      uncited(20, 'leaks-secret'),
      `${file}:23:16 step "not-defined" is referenced but not defined before this step`,
      `${file}:25:40 secret {{password}} may only be passed on stdin (of an action or a check), never in argv, paths, text or conditions`,
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
      `${file}:${at} step "${id}" cites no source: add sources: with the documentation page it follows ({ title, url }: Microsoft's for ENTSSO) or { site-practice: <why> }`;
    expect(lint(file)).toEqual([cites('reference-only', '22:9'), cites('no-sources', '28:9')]);
  });

  it('accepts a page only by its published https address', () => {
    const file = 'test/fixtures/source-not-on-learn.yaml';
    expect(lintExceptCitations(file)).toEqual([
      `${file}:10:34 steps.0.sources.0.url: cite the page by its published https address (for ENTSSO: https://learn.microsoft.com/…); found "http://example.com/sso" (text)`,
    ]);
  });

  it('lists YAML and schema problems together, each located, never only the first', () => {
    const file = 'test/fixtures/bad-syntax.yaml';
    expect(lintExceptCitations(file)).toEqual([
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
    expect(lintExceptCitations(file)).toEqual([
      `${file}:11:26 condition "{{mode}} == a b" does not parse: unexpected "b" (quote text with spaces: '…'; join conditions with and / or). Write e.g. mode == 'primary' and not dryRun (see the README's condition language)`,
      `${file}:19:9 step "use-it" uses {{v}}, captured only by "maybe-capture" (when: mode == 'x'): when that step is not needed the value is missing and the run stops to ask for it. Give this step the same when:, or capture the value in a step that always runs`,
      `${file}:24:19 unknown variable primary in the condition: if it is text, quote it ('primary'); if it is a value, define it as an input, a capture of an earlier step, or list it in environmentVars`,
    ]);
  });

  it('lists schema problems and rule problems of one file at once, saying which kinds are allowed and what was found (defects 15, 16)', () => {
    const file = 'test/fixtures/schema-and-rule-problems.yaml';
    expect(lintExceptCitations(file)).toEqual([
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

  it('holds every shipped ENTSSO runbook to Microsoft: each cited page is a learn.microsoft.com address', () => {
    for (const file of listShippedRunbookFiles()) {
      const urls = parseRunbookFile(file).value!.steps.flatMap((step) =>
        (step.sources ?? []).flatMap((source) => ('url' in source ? [source.url] : [])),
      );
      expect(urls.length, file).toBeGreaterThan(0);
      expect(
        urls.filter((url) => !url.startsWith('https://learn.microsoft.com/')),
        file,
      ).toEqual([]);
    }
  });

  it('passes every shipped runbook, and the PostgreSQL example with its environment', () => {
    for (const file of listShippedRunbookFiles()) expect(lint(file), file).toEqual([]);
    const example = 'runbooks/examples/postgres-promote-replica.yaml';
    expect(lint(example, 'runbooks/examples/postgres-loopback.env.yaml')).toEqual([]);
  });

  it('finds no Windows PowerShell 5.1 alias in any shipped runbook, linted as on a Windows jump host with the example environment', () => {
    for (const file of listShippedRunbookFiles())
      expect(lint(file, 'runbooks/environments/example.yaml', 'win32'), file).toEqual([]);
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

  describe('program names that Windows PowerShell 5.1 resolves to an alias or a cmdlet', () => {
    const file = 'test/fixtures/powershell-aliases.yaml';
    const sc = `${file}:12:21 "sc" on a Windows host is the Windows PowerShell 5.1 alias of Set-Content: typed into PowerShell (ssh, plan, export, the confirm prompt), & 'sc' … runs Set-Content, not the program. Write "sc.exe".`;
    const where = `${file}:14:15 "where" on a Windows host is the Windows PowerShell 5.1 alias of Where-Object: typed into PowerShell (ssh, plan, export, the confirm prompt), & 'where' … runs Where-Object, not the program. Write "where.exe".`;
    const cmdlet = `${file}:15:15 "Get-Service" is a PowerShell cmdlet, not a program: use a typed check (service:, file:, port:, event:, registry:) or run it as [powershell.exe, -NoProfile, -Command, "Get-Service …"].`;

    it('refuses sc, where and a cmdlet on the servers, and accepts sc.exe and a path', () => {
      expect(lintExceptCitations(file)).toEqual([sc, where, cmdlet]);
    });

    it('also refuses sort in a step on the jump host when the jump host runs Windows', () => {
      expect(lintExceptCitations(file, undefined, 'win32')).toEqual([
        sc,
        where,
        cmdlet,
        `${file}:22:15 "sort" on a Windows host is the Windows PowerShell 5.1 alias of Sort-Object: typed into PowerShell (ssh, plan, export, the confirm prompt), & 'sort' … runs Sort-Object, not the program. Write "sort.exe".`,
      ]);
    });

    it('leaves hosts that the environment reaches with a POSIX shell alone', () => {
      expect(lintExceptCitations(file, 'test/fixtures/posix-only.env.yaml')).toEqual([]);
    });
  });

  describe('the Kerberos second hop', () => {
    const file = 'test/fixtures/second-hop.yaml';
    const envFile = 'test/fixtures/mixed-transports.env.yaml';

    it('warns on a UNC path in a command sent over WinRM, not in one run on the jump host', () => {
      const parsed = parseRunbookFile(file);
      const warnings = findSecondHopWarnings(parsed.value!, file, parsed.locate, loadEnvironment(envFile));
      expect(warnings.map(formatProblem)).toEqual([
        `${file}:11:23 warning: \\\\FILES01\\backup$\\a.bak is a UNC path used on SSO02 over WinRM: from a remote session Kerberos does not pass your credentials on to a third computer (the second hop), so this fails with access denied unless delegation is set up there. See "Remoting and the second hop" in the README.`,
        `${file}:12:31 warning: \\\\FILES01\\backup$ is a UNC path used on SSO02 over WinRM: from a remote session Kerberos does not pass your credentials on to a third computer (the second hop), so this fails with access denied unless delegation is set up there. See "Remoting and the second hop" in the README.`,
      ]);
    });

    it('is a warning: lint --env prints it and still exits 0', () => {
      const result = runCli(['lint', file, '--env', envFile]);
      expect(result.stdout).toContain(`${file}:12:31 warning: \\\\FILES01\\backup$ is a UNC path`);
      expect(result.stderr).toBe('1 runbook(s) checked, no problems, 2 warning(s).\n');
      expect(result.status).toBe(0);
    });
  });
});
