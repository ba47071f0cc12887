import { CanceledError } from '../errors.js';
import type { Clock } from './ports.js';

/**
 * Real time, or lab time running `scale` times faster: labNow = epochMs + (Date.now() - epochMs) * scale.
 * The lab uses the same formula, so event timestamps and waits agree across processes.
 */
export function createClock(scale = 1, epochMs = Date.now()): Clock {
  return {
    now: () => epochMs + (Date.now() - epochMs) * scale,
    wallNow: () => Date.now(),
    fromWall: (wallMs) => epochMs + (wallMs - epochMs) * scale,
    sleep: (ms, signal) => sleep(ms / scale, signal),
    scale,
  };
}

function sleep(realMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CanceledError('canceled while waiting'));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, realMs),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CanceledError('canceled while waiting'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
