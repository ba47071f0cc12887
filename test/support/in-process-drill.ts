import { join } from 'node:path';
import { drillCommand } from '../../src/commands/drill.js';
import type { RunDecorator } from '../../src/session/execute-run.js';
import { resumeCommand } from '../../src/commands/resume.js';
import { type RunCommandOptions, runCommand } from '../../src/commands/run.js';
import type { EngineEvent } from '../../src/engine/events.js';
import type { Transport } from '../../src/engine/ports.js';
import { makeTempDir } from './run-cli.js';

/** Thrown everywhere once the simulated process has died. */
export class SimulatedCrash extends Error {
  constructor(at: string) {
    super(`simulated crash after ${at}`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * A laptop dying at a chosen moment, in-process: the event `<type>:<step-id>` is journaled, then the run is
 * dead — every later event is dropped unjournaled and every transport call throws, so nothing the dead
 * process would not have done reaches the journal or the lab.
 */
export function crashAfter(target: string): RunDecorator & { crashed: () => boolean } {
  let dead = false;
  const die = (): never => {
    throw new SimulatedCrash(target);
  };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => R) =>
    (...args: A): R =>
      dead ? die() : call(...args);
  return {
    crashed: () => dead,
    sink: (emit) => (event: EngineEvent) => {
      if (dead) die();
      emit(event);
      if (target === `${event.type}:${'stepId' in event ? event.stepId : ''}`) {
        dead = true;
        die();
      }
    },
    transport: (transport): Transport => ({
      describe: (host) => transport.describe(host),
      render: (host, argv) => transport.render(host, argv),
      exec: guard((host, argv, options) => transport.exec(host, argv, options)),
      probe: guard((host, probe, options) => transport.probe(host, probe, options)),
      writeFile: guard((host, path, content, options) => transport.writeFile(host, path, content, options)),
    }),
  };
}

/** Run `work` with stdout swallowed: the drill's screen is not what these tests read. */
async function quietly<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; stdout: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    return { value: await work(), stdout };
  } catch (error) {
    return { error, stdout };
  } finally {
    process.stdout.write = write;
  }
}

export type InProcessDrill = { stateDir: string; labDir: string };

/** An autopilot drill in this process (in-process lab), killed right after `target` is journaled. */
export async function crashDrillAfter(
  target: string,
  options: { runbook?: string; faults?: string[]; stateDir?: string } = {},
): Promise<InProcessDrill & { crashed: boolean; error?: unknown }> {
  const stateDir = options.stateDir ?? makeTempDir('sso-crash-');
  const labDir = join(stateDir, 'lab');
  const decorator = crashAfter(target);
  const { error } = await quietly(() =>
    drillCommand(
      {
        fault: options.faults ?? [],
        runbook: options.runbook ?? 'designate-new-master-secret-server',
        labDir,
        stateDir,
        autopilot: true,
        timeScale: '600',
      },
      decorator,
    ),
  );
  if (error !== undefined && !(error instanceof SimulatedCrash)) throw error;
  return { stateDir, labDir, crashed: decorator.crashed(), ...(error ? { error } : {}) };
}

/**
 * An autopilot drill in this process with ports decorated as given (a full disk, a crash): how it ended —
 * an exit code, or the error the CLI would have reported — and its screen.
 */
export async function drillWith(
  decorate: RunDecorator,
  options: { stateDir?: string; runbook?: string; faults?: string[] } = {},
) {
  const stateDir = options.stateDir ?? makeTempDir('sso-drill-');
  const labDir = join(stateDir, 'lab');
  const { value, error, stdout } = await quietly(() =>
    drillCommand(
      {
        fault: options.faults ?? [],
        runbook: options.runbook ?? 'designate-new-master-secret-server',
        labDir,
        stateDir,
        autopilot: true,
        timeScale: '600',
      },
      decorate,
    ),
  );
  return { stateDir, labDir, stdout, ...(value === undefined ? {} : { exitCode: value }), error };
}

/** An undisturbed in-process autopilot drill: its exit code and where it ran. */
export async function drillInProcess(options: { runbook?: string; faults?: string[] } = {}) {
  const stateDir = makeTempDir('sso-drill-');
  const labDir = join(stateDir, 'lab');
  const { value, error, stdout } = await quietly(() =>
    drillCommand({
      fault: options.faults ?? [],
      runbook: options.runbook ?? 'designate-new-master-secret-server',
      labDir,
      stateDir,
      autopilot: true,
      timeScale: '600',
    }),
  );
  if (error !== undefined) throw error;
  return { exitCode: value!, stdout, stateDir, labDir };
}

/** `resume --autopilot` of the state dir's unfinished run, in this process: exit code and screen. */
export async function resumeInProcess(stateDir: string, extra: { doneOnPaper?: string[] } = {}) {
  const { value, error, stdout } = await quietly(() =>
    resumeCommand(undefined, { stateDir, autopilot: true, ...extra }),
  );
  if (error !== undefined) throw error;
  return { exitCode: value!, stdout };
}

/** `run <runbook>` in this process, killed right after `target` is journaled (see crashAfter). */
export async function crashRunAfter(target: string, runbook: string, options: RunCommandOptions) {
  const decorator = crashAfter(target);
  const { error, stdout } = await quietly(() => runCommand(runbook, options, decorator));
  if (error !== undefined && !(error instanceof SimulatedCrash)) throw error;
  return { crashed: decorator.crashed(), stdout };
}
