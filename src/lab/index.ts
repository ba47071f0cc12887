/** The lab's public API: a simulated ENTSSO deployment for drills and tests. */
export { readCommandLog, type CommandLogEntry } from './store/command-log.js';
export { execLabTool, type LabExecOptions, NeedInputSignal } from './tools/exec-lab-tool.js';
export { FAULTS, isLabFault, type LabFault, parseFaults } from './faults/faults.js';
export type { FaultEntry } from './faults/fault-registry.js';
export { initLab, type LabInitOptions, type LabInitSummary } from './init-lab.js';
export { LabInputError } from './lab-input-error.js';
export { hasLab, loadSqlite } from './store/lab-db.js';
export { ENVELOPE_FILE } from './secrets/sealed-envelope.js';
export { ENVIRONMENT_FILE } from './lab-environment.js';
export { readLabStatus, type LabServerStatus, type LabStatus } from './lab-status.js';
export type { LabExecResult } from './lab-types.js';
export { probeLab } from './probe-lab.js';
export { resetLab } from './reset-lab.js';
export { readSealedEnvelope, type SealedEnvelope } from './secrets/sealed-envelope.js';
export { type LabCriterion, type LabVerdict, verifyLab } from './verify-lab.js';
export { writeLabFile } from './store/write-lab-file.js';
