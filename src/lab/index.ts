/** The lab's public API: a simulated ENTSSO deployment for drills and tests. */
export { readCommandLog, type CommandLogEntry } from './command-log.js';
export { execLabTool, type LabExecOptions, NeedInputSignal } from './exec-lab-tool.js';
export { isLabFault, LAB_FAULTS, type LabFault, parseFaults } from './faults.js';
export { initLab, type LabInitOptions, type LabInitSummary } from './init-lab.js';
export { LabInputError } from './lab-input-error.js';
export { hasLab, loadSqlite } from './lab-db.js';
export { ENVELOPE_FILE } from './sealed-envelope.js';
export { ENVIRONMENT_FILE } from './lab-environment.js';
export { readLabStatus, type LabServerStatus, type LabStatus } from './lab-status.js';
export type { LabExecResult } from './lab-types.js';
export { probeLab } from './probe-lab.js';
export { resetLab } from './reset-lab.js';
export { readSealedEnvelope, type SealedEnvelope } from './sealed-envelope.js';
export { type LabCriterion, type LabVerdict, verifyLab } from './verify-lab.js';
export { writeLabFile } from './write-lab-file.js';
