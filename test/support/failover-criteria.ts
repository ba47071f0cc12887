/**
 * The criteria every failover drill is graded on after the ones of its own scenario, in the lab's order:
 * SSODB names a live MSS that holds the matching secret, every server fetched it, data decrypts and
 * writes, processing was never down, nothing changed or regenerated, a fresh backup, the old MSS inactive.
 */
export const FAILOVER_CRITERIA = [
  'ssodb-names-live-mss',
  'mss-holds-matching-secret',
  'servers-fetched-from-mss',
  'config-decrypts',
  'config-writes',
  'no-processing-outage',
  'config-unchanged',
  'secret-not-regenerated',
  'fresh-backup',
  'old-mss-not-acting',
] as const;

/** A drill's criteria as [name, passed] pairs, to compare with `allPassed`. */
export function criteriaOf(json: { criteria: { name: string; passed: boolean }[] }): [string, boolean][] {
  return json.criteria.map((c) => [c.name, c.passed]);
}

/** The pairs of a drill in which each of these criteria passed, in this order and no other. */
export function allPassed(names: readonly string[]): [string, boolean][] {
  return names.map((name) => [name, true]);
}
