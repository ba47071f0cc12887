import { approvalsNeeded } from '../runbook/approval-policy.js';
import type { Step } from '../runbook/schema.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import type { Failure } from './step-state.js';

/**
 * The two-person rule: a destructive step's action, confirmed by the operator, waits for the approvals the
 * environment's policy asks for. Every request and decision is journaled. Returns a failure (phase confirm)
 * when someone denied; Ctrl+C while waiting rejects (the run is canceled and can be resumed).
 */
export async function requestApproval(
  step: Step,
  host: string,
  command: string,
  deps: EngineDeps,
  run: RunContext,
): Promise<Failure | undefined> {
  const needed = approvalsNeeded(run.environment.policy);
  if (!step.destructive || needed === 0) return undefined;
  if (!deps.approver)
    throw new Error(`step ${step.id} needs approval by policy, and the run was given no approver`);
  const requestId = `${step.id}.${Date.now().toString(36)}`;
  // The person asking (OS account and machine), not how they answer prompts.
  const requestedBy = run.account ?? deps.operator.identity();
  emitEvent(deps, {
    type: 'approval-requested',
    stepId: step.id,
    requestId,
    host,
    command,
    requestedBy,
    needed,
  });
  const request = {
    runId: run.runId,
    requestId,
    stepId: step.id,
    title: interpolateKnown(step.title, run.variables),
    host,
    command,
    requestedBy,
    needed,
  };
  const decisions = await deps.approver.requestApproval(request, deps.signal);
  for (const decision of decisions) {
    emitEvent(deps, {
      type: 'approval-decided',
      stepId: step.id,
      requestId,
      approved: decision.approved,
      by: decision.by,
      ...(decision.reason ? { reason: decision.reason } : {}),
      ...(decision.autopilot ? { autopilot: true } : {}),
      ...(decision.machine ? { machine: decision.machine } : {}),
    });
    deps.operator.show({
      kind: decision.approved ? 'info' : 'warning',
      text: `${decision.approved ? 'Approved' : 'Denied'} by ${decision.by}${decision.autopilot ? ' (the drill autopilot)' : ''}${decision.reason ? `: ${decision.reason}` : ''}.`,
    });
  }
  const denied = decisions.find((decision) => !decision.approved);
  if (denied)
    return {
      phase: 'confirm',
      reason: `${denied.by} denied the action${denied.reason ? `: ${denied.reason}` : ''}`,
    };
  return undefined;
}
