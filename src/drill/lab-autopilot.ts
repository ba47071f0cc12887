import type { Environment } from '../runbook/environment-schema.js';
import type { Runbook } from '../runbook/schema.js';
import { createAutopilotOperator } from '../operator/autopilot-operator.js';
import { createAutopilotAnswers } from './drill-autopilot.js';
import type { OperatorFactory } from '../session/execute-run.js';
import type { loadLab } from './load-lab.js';

type Lab = Awaited<ReturnType<typeof loadLab>>;

/** The autopilot for a lab environment, from what the lab hands the operator (the sealed envelope). */
export function createLabAutopilot(
  lab: Lab,
  runbook: Runbook,
  environment: Environment,
): { createOperator: OperatorFactory; knownSecrets: string[] } {
  const dir = environment.lab?.dir;
  if (!dir) throw new Error('the autopilot needs a lab environment');
  const envelope = lab.readSealedEnvelope(dir);
  const { faults, cluster } = lab.readLabStatus(dir);
  const mss = environment.vars.currentMss ?? Object.keys(environment.hosts)[0]!;
  const answers = createAutopilotAnswers(runbook, environment, {
    mss,
    faults,
    envelope,
    clusterOwner: cluster?.ownerNode,
  });
  const knownSecrets = [
    envelope.password,
    ...(envelope.correctedPassword ? [envelope.correctedPassword] : []),
  ];
  return { createOperator: ({ show }) => createAutopilotOperator(answers, { show }), knownSecrets };
}
