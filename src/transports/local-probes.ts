import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Probe, ProbeResult } from '../engine/ports.js';

/** File and port probes answered with Node itself, on the machine the assistant runs on. */
export async function probeLocalFile(probe: Extract<Probe, { kind: 'file' }>): Promise<ProbeResult> {
  const info = await stat(probe.path).catch(() => undefined);
  if (!info) return { ok: !probe.exists, observed: `${probe.path} does not exist` };
  if (!probe.exists) return { ok: false, observed: `${probe.path} exists` };
  const ageSec = (Date.now() - info.mtimeMs) / 1000;
  if (probe.maxAgeSec !== undefined && ageSec > probe.maxAgeSec) {
    return { ok: false, observed: `${probe.path} is ${Math.round(ageSec)}s old (limit ${probe.maxAgeSec}s)` };
  }
  if (probe.sha256) {
    const digest = createHash('sha256')
      .update(await readFile(probe.path))
      .digest('hex');
    if (digest.toLowerCase() !== probe.sha256.toLowerCase())
      return { ok: false, observed: `${probe.path} has sha256 ${digest}` };
  }
  return { ok: true, observed: `${probe.path} exists (${info.size} bytes)` };
}

export function probePort(host: string, port: number, timeoutMs = 3000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean, observed: string) => {
      socket.destroy();
      resolve({ ok, observed });
    };
    socket.setTimeout(timeoutMs, () =>
      done(false, `${host}:${port} did not answer within ${timeoutMs / 1000}s`),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(false, `${host}:${port} refused: ${error.code ?? error.message}`),
    );
    socket.connect(port, host, () => done(true, `${host}:${port} accepted a connection`));
  });
}
