import type { Approver } from '../engine/ports.js';

/**
 * A drill's stand-in for the second person: approves every request at once, labelled as the autopilot in
 * the journal and the report, so a practice run under the two-person rule is never mistaken for a real one.
 */
export function createAutopilotApprover(): Approver {
  return {
    requestApproval: async (request) =>
      Array.from({ length: request.needed }, () => ({
        approved: true,
        by: 'autopilot',
        autopilot: true,
      })),
  };
}
