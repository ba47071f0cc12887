import type { Transport } from '../engine/ports.js';
import { createLabRunner, createLabTransport } from './lab.js';
import { execOverSsh } from './ssh.js';
import { formatSshTarget, type SshSettings } from './ssh-args.js';

export type RemoteLab = { dir: string; command: readonly string[] };

/**
 * A lab server reached over ssh: the host that holds the lab folder runs `sso-failover lab exec|probe|write`
 * for each command, probe and write, exactly as the lab transport runs them here. Only the carrier changes
 * (ssh instead of a local process), so quoting, stdin, exit codes, timeouts and the watchdog are the real
 * ssh ones, and the lab's answers (probes included) are the same as on this computer.
 */
export function createSshLabTransport(settings: SshSettings, lab: RemoteLab): Transport {
  const runner = createLabRunner(lab.dir, (args, options) =>
    execOverSsh(settings, [...lab.command, ...args], options),
  );
  return {
    ...createLabTransport(lab.dir, runner),
    describe: (host) => `lab server ${host} via ssh ${formatSshTarget(settings)}`,
  };
}
