/** Ctrl+C, SIGTERM and SIGHUP abort the run's signal; the engine and transports stop what they are doing. */
export function trapSignals(): {
  signal: AbortSignal;
  received: () => NodeJS.Signals | undefined;
  release: () => void;
} {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals) => {
    if (received) return;
    received = name;
    controller.abort(new Error(`received ${name}`));
  };
  const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const name of names) process.on(name, handler);
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      for (const name of names) process.off(name, handler);
    },
  };
}
