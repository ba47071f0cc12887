import type { ExecResult } from '../engine/ports.js';
import type { LabRunner } from '../transports/lab.js';
import { failedResult } from '../transports/results.js';
import type { loadLab } from './load-lab.js';

type Lab = Awaited<ReturnType<typeof loadLab>>;

/**
 * Lab commands carried out in this process: the same simulator and the same SQLite file, without a
 * process start per command. Drills use it by default (`--lab-transport process` for the faithful path).
 */
export function createInProcessLabRunner(lab: Lab, labDir: string, latencyMs = 0): LabRunner {
  // A simulated round trip: lets host checks overlap the way remote ones do.
  const travel = (): Promise<undefined> =>
    latencyMs > 0
      ? new Promise((resolve) => setTimeout(() => resolve(undefined), latencyMs))
      : Promise.resolve(undefined);
  const asResult = (
    started: number,
    run: () => { exitCode: number; stdout: string; stderr: string },
  ): ExecResult => {
    try {
      const result = run();
      return {
        ok: result.exitCode === 0,
        ...result,
        durationMs: Date.now() - started,
        timedOut: false,
        canceled: false,
      };
    } catch (error) {
      return failedResult((error as Error).message, Date.now() - started);
    }
  };
  return {
    exec: async (host, argv, options) => {
      await travel();
      const stdin = options.stdin === undefined ? {} : { stdin: options.stdin };
      return asResult(Date.now(), () => lab.execLabTool(labDir, host, argv, stdin));
    },
    probe: async (host, probe) => {
      await travel();
      try {
        return lab.probeLab(labDir, host, probe);
      } catch (error) {
        return { ok: false, observed: `could not check ${probe.kind}: ${(error as Error).message}` };
      }
    },
    write: async (host, path, content) => {
      await travel();
      return asResult(Date.now(), () => lab.writeLabFile(labDir, host, path, content));
    },
  };
}
