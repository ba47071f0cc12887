import type { Clock } from '../engine/ports.js';

/**
 * A clock that adds up the engine's waits (polling a check until it passes), on its own clock and in real
 * time. In a drill the lab's clock runs faster, so a 3-minute ENTSSO start takes 3 s: the real-server time
 * of the same run is the wall time with each wait counted at its lab length instead.
 */
export function measureWaits(clock: Clock): {
  clock: Clock;
  waits: () => { clockMs: number; wallMs: number };
} {
  let clockMs = 0;
  let wallMs = 0;
  return {
    clock: {
      ...clock,
      sleep: async (ms, signal) => {
        const started = clock.wallNow();
        try {
          await clock.sleep(ms, signal);
          clockMs += ms;
        } finally {
          wallMs += clock.wallNow() - started;
        }
      },
    },
    waits: () => ({ clockMs, wallMs }),
  };
}

/** Wall time, with every wait counted at its length on the lab's clock: how long the run takes on real servers. */
export function realServerTime(elapsedMs: number, waits: { clockMs: number; wallMs: number }): number {
  return Math.max(0, Math.round(elapsedMs - waits.wallMs + waits.clockMs));
}
