/**
 * What became of each step of the runbook, counted as the screen numbers them ("Step 25 of 30"): a step
 * repeated per server (`write-test@BTS01`, `write-test@BTS02`) is one step, done when every server's part
 * is done. The summaries say "27 of 30 steps done", never "33 step(s) done" next to "Step 30 of 30".
 */
export type StepTally = {
  /** steps in the runbook (0 when the journal does not list them) */
  total: number;
  done: number;
  doneOnPaper: number;
  notNeeded: number;
  skipped: { label: string; reason: string }[];
  failed: { label: string; reason: string }[];
  doneAfterFailure: string[];
  rolledBack: string[];
};

/** Per step instance (`id` or `id@host`): the outcome's lists, as computeOutcome keeps them. */
export type InstanceLists = {
  done: readonly string[];
  doneOnPaper: readonly string[];
  skipped: readonly { stepId: string; reason: string }[];
  notNeeded: readonly string[];
  failed: readonly { stepId: string; reason: string }[];
  doneAfterFailure: readonly string[];
  rolledBack: readonly string[];
  stoppedAt?: string;
};

/** `write-test@BTS02` → step `write-test`, server `BTS02`. */
export function splitInstanceId(id: string): { stepId: string; host?: string } {
  const at = id.indexOf('@');
  return at < 0 ? { stepId: id } : { stepId: id.slice(0, at), host: id.slice(at + 1) };
}

/**
 * How a step is named in a summary: `step 10 check-msdtc`, `step 25 write-test on BTS02`, by the number the
 * screen showed; the id alone when the runbook's steps are unknown.
 */
export function labelInstance(id: string, stepIds: readonly string[]): string {
  const { stepId, host } = splitInstanceId(id);
  const number = stepIds.indexOf(stepId) + 1;
  if (number === 0) return id;
  return `step ${number} ${stepId}${host ? ` on ${host}` : ''}`;
}

/** One runbook step per entry: the worst of its servers' parts decides (failed, skipped, stopped, then done). */
export function tallySteps(lists: InstanceLists, stepIds: readonly string[]): StepTally {
  const base = (id: string) => splitInstanceId(id).stepId;
  const failed = new Set(lists.failed.map((f) => base(f.stepId)));
  const skipped = new Set(lists.skipped.map((s) => base(s.stepId)).filter((id) => !failed.has(id)));
  const stopped = lists.stoppedAt ? base(lists.stoppedAt) : undefined;
  const settled = (id: string) => !failed.has(id) && !skipped.has(id) && id !== stopped;
  const paper = new Set(lists.doneOnPaper.map(base));
  const done = new Set([...lists.done, ...lists.doneOnPaper].map(base).filter(settled));
  const notNeeded = new Set(lists.notNeeded.map(base).filter((id) => settled(id) && !done.has(id)));
  const label = (id: string) => labelInstance(id, stepIds);
  return {
    total: stepIds.length,
    done: done.size,
    doneOnPaper: [...done].filter((id) => paper.has(id)).length,
    notNeeded: notNeeded.size,
    skipped: lists.skipped
      .filter((s) => skipped.has(base(s.stepId)))
      .map((s) => ({ label: label(s.stepId), reason: s.reason })),
    failed: lists.failed.map((f) => ({ label: label(f.stepId), reason: f.reason })),
    doneAfterFailure: unique(lists.doneAfterFailure.map(base).filter((id) => done.has(id))).map(label),
    rolledBack: unique(lists.rolledBack.map(base)).map(label),
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
