import type { ExecResult, Transport } from '../engine/ports.js';

/**
 * A transport that runs each command once per host: readiness only reads, and the designate pre-flight it
 * reuses asks `whoami /groups` five times and `sc.exe qc entsso` three times per server. Commands with
 * stdin are never shared (none of readiness's have any).
 */
export function memoizeReads(transport: Transport): Transport {
  const cache = new Map<string, Promise<ExecResult>>();
  return {
    ...transport,
    exec: (host, argv, options) => {
      if (options?.stdin !== undefined) return transport.exec(host, argv, options);
      const key = JSON.stringify([host.toLowerCase(), argv]);
      if (!cache.has(key)) cache.set(key, transport.exec(host, argv, options));
      return cache.get(key)!;
    },
  };
}
