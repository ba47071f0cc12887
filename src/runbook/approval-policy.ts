import { z } from 'zod';

/**
 * The two-person rule: how many people it takes before an action of a `destructive: true` step runs —
 * the operator who confirms it, plus approvers who are other OS accounts (`sso-failover approve`).
 * 1 (the default) is the operator alone.
 */
export const ApprovalPolicySchema = z.strictObject({
  destructive: z.number().int().min(1).max(5).default(1),
});

export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;

/** Approvals a destructive step needs besides the operator's own confirm (0: none). */
export function approvalsNeeded(policy: { approvals?: ApprovalPolicy } | undefined): number {
  return Math.max(0, (policy?.approvals?.destructive ?? 1) - 1);
}
