import { InvalidInputError } from '../errors.js';

/** Faster than this, a lab's 3-minute ENTSSO start is over before one probe; beyond it lab dates overflow. */
export const MAX_TIME_SCALE = 100_000;
export const MIN_TIME_SCALE = 0.001;

/** `--time-scale`: lab seconds per real second, within bounds a lab clock can keep. */
export function parseTimeScale(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < MIN_TIME_SCALE || value > MAX_TIME_SCALE)
    throw new InvalidInputError(
      `--time-scale ${text}: give lab seconds per real second, from ${MIN_TIME_SCALE} to ${MAX_TIME_SCALE} (e.g. 60).`,
    );
  return value;
}
