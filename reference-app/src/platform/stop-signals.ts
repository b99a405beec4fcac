// How SIGINT and SIGTERM stop the service: the first starts a graceful shutdown; another one more
// than a second later means "stop now". One within that second is the same Ctrl-C twice: a terminal
// sends it to the whole process group, and the watcher of `npm run dev` (tsx watch) relays it to
// the service once more; it must not cut short the shutdown it asked for.
export interface StopSignalHandlers {
  stop(signal: NodeJS.Signals): void;
  force(signal: NodeJS.Signals): void;
}

export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export const repeatedSignalWindowMs = 1000;

export function onStopSignals(
  handlers: StopSignalHandlers,
  source: SignalSource = process,
  now: () => number = Date.now,
): void {
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (firstAt === undefined) {
      firstAt = now();
      handlers.stop(signal);
    } else if (now() - firstAt > repeatedSignalWindowMs) {
      handlers.force(signal);
    }
  };
  source.on("SIGINT", onSignal);
  source.on("SIGTERM", onSignal);
}
