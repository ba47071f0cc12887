/** One line of `readiness`: what was checked, whether it holds, and what to do when it does not. */
export type ReadinessFinding = {
  /** stable name, used by monitoring (backup-age, backup-secret, standby, drill:<runbook>, ...) */
  id: string;
  ok: boolean;
  /** what was found, in words */
  message: string;
  /** what to do; only when not ok */
  advice?: string;
  /** a number monitoring can graph (seconds of age, standbys ready), when the check has one */
  value?: number;
  /** per-host detail (standby candidates) */
  hosts?: { host: string; ok: boolean; detail: string }[];
};

export const pass = (
  id: string,
  message: string,
  extra: Partial<ReadinessFinding> = {},
): ReadinessFinding => ({
  id,
  ok: true,
  message,
  ...extra,
});

export const fail = (
  id: string,
  message: string,
  advice: string,
  extra: Partial<ReadinessFinding> = {},
): ReadinessFinding => ({ id, ok: false, message, advice, ...extra });
