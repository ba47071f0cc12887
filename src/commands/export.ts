import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors.js';
import { renderChecklistHtml } from '../report/checklist-html.js';
import { renderChecklistMarkdown } from '../report/checklist-markdown.js';
import type { Checklist } from '../report/checklist.js';
import { addExpectations } from '../report/checklist-expect.js';
import { writeDocument } from '../report/write-document.js';
import type { Transport } from '../engine/ports.js';
import { buildPlan } from '../runbook/build-plan.js';
import { loadRunbook } from '../runbook/load-runbook.js';
import { createEnvironmentTransport } from '../transports/environment-transport.js';
import { quoteWindows } from '../transports/quote.js';
import { createEnvironment } from './load-environment-option.js';
import { describeSchedule } from './describe-schedule.js';
import { parseVars, refuseSecretVars } from './parse-vars.js';
import { resolvePlanVariables } from '../runbook/plan-variables.js';
import { approvalsNeeded } from '../runbook/approval-policy.js';

export type ExportOptions = { env?: string; format?: string; out?: string; var?: string[] };

/** `sso-failover export <runbook>`: the runbook as a printable checklist for one environment. */
export async function exportCommand(reference: string, options: ExportOptions): Promise<number> {
  const format = options.format ?? 'html';
  if (format !== 'md' && format !== 'html')
    throw new InvalidInputError(`--format is md or html, not "${format}".`);
  const loaded = loadRunbook(reference);
  const { runbook } = loaded;
  const environment = createEnvironment(options.env);
  const transport = createEnvironmentTransport(environment);
  const given = parseVars(options.var);
  refuseSecretVars(runbook, given);
  // The same values as `plan`: the environment's, the runbook's assumptions, then --var.
  const { variables } = resolvePlanVariables(
    runbook,
    { ...environment.vars, environment: environment.name },
    given,
  );
  const planned = buildPlan(runbook, environment, variables, (h, a) =>
    h in environment.hosts ? renderOnHost(transport, h, a) : quoteWindows(a),
  );
  const steps = addExpectations(planned, runbook, variables);
  const checklist: Checklist = {
    runbook: {
      id: runbook.id,
      title: runbook.title,
      summary: runbook.summary,
      rto: runbook.rto,
      sources: runbook.sources,
      file: loaded.file,
      sha256: createHash('sha256').update(loaded.text).digest('hex'),
    },
    environment: { name: environment.name, drill: environment.drill },
    inputs: Object.entries(runbook.inputs)
      .filter(([key]) => !(key in given))
      .map(([key, input]) => ({
        key,
        type: input.type,
        prompt: input.prompt,
      })),
    steps,
    approvals: approvalsNeeded(environment.policy),
  };
  const schedule = describeSchedule(runbook, variables, options.env);
  if (schedule) checklist.schedule = schedule;
  writeDocument(
    format === 'md' ? renderChecklistMarkdown(checklist) : renderChecklistHtml(checklist),
    options.out,
  );
  return 0;
}

/**
 * As typed on the host. Paper needs no connection: a transport not built yet, or a host only known during
 * the run ({{newMss}}), falls back to Windows command-prompt quoting.
 */
function renderOnHost(transport: Transport, host: string, argv: readonly string[]): string {
  try {
    return transport.render(host, argv);
  } catch {
    return quoteWindows(argv);
  }
}
