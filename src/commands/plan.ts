import { createChalk } from '../operator/format-message.js';
import { buildPlan, type PlannedStep } from '../runbook/build-plan.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { createEnvironment } from './load-environment-option.js';
import { parseVars, refuseSecretVars } from './parse-vars.js';

export type PlanCommandOptions = { env?: string; var?: string[] };

/** A dry run: prints what would happen, host by host. It builds no process and touches no host. */
export async function planCommand(reference: string, options: PlanCommandOptions): Promise<number> {
  const { runbook } = loadRunbook(reference);
  const environment = createEnvironment(options.env);
  const vars = parseVars(options.var);
  refuseSecretVars(runbook, vars);
  const transport = createEnvironmentTransport(environment);
  const steps = buildPlan(
    runbook,
    environment,
    { ...environment.vars, ...vars, environment: environment.name },
    (h, a) => transport.render(h, a),
  );
  const c = createChalk(process.stdout);
  const lines = [
    c.bold(`${runbook.title} (${runbook.id})`),
    `${runbook.summary.trim()}`,
    `Environment: ${environment.name}${environment.drill ? ' (drill)' : ''} · RTO ${runbook.rto} · ${steps.length} steps · nothing below has been run`,
    `Sources: ${runbook.sources.join('; ')}`,
  ];
  const inputs = Object.entries(runbook.inputs).map(
    ([k, i]) => `  ${k} (${i.type}${i.from ? ` from ${i.from}` : ''}): ${i.prompt}`,
  );
  if (inputs.length) lines.push('', c.bold('Asked at the start:'), ...inputs);
  let phase: string | undefined;
  for (const [index, step] of steps.entries()) {
    if (step.phase && step.phase !== phase) {
      phase = step.phase;
      lines.push('', c.bold.underline(phase));
    }
    lines.push(...formatStep(step, index + 1, c));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function formatStep(step: PlannedStep, n: number, c: ReturnType<typeof createChalk>): string[] {
  const out = ['', c.bold(`${n}. ${step.title}`) + c.dim(`  [${step.id}] on ${step.host}`)];
  if (step.when) out.push(`   only when: ${step.when}`);
  if (step.instructions) out.push(...step.instructions.split('\n').map((l) => c.dim(`   ${l}`)));
  for (const input of step.inputs) out.push(`   asks: ${input}`);
  for (const check of step.pre) out.push(`   before: ${check}`);
  if (step.action) {
    const label = step.action.kind === 'manual' ? 'by hand' : `do (confirm: ${step.action.confirm})`;
    out.push(`   ${label}: ${indent(c.yellow(step.action.text))}`);
    if (step.action.stdinNote) out.push(`     ${step.action.stdinNote}`);
  }
  for (const check of step.post) out.push(`   after: ${check}`);
  if (step.rollback) out.push(`   rollback: ${indent(step.rollback.text)}`);
  if (step.irreversible) out.push(`   irreversible: ${step.irreversible}`);
  if (step.sources.length) out.push(c.dim(`   sources: ${step.sources.join('; ')}`));
  return out;
}

function indent(text: string): string {
  return text.split('\n').join('\n     ');
}
