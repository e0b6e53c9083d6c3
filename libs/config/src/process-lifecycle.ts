/** What exitGracefullyOnSignals needs from the process; tests pass a fake. */
export interface ProcessHooks {
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
  setTimeout(callback: () => void, ms: number): { unref?: () => unknown };
}

const realProcess: ProcessHooks = {
  once: (signal, listener) => process.once(signal, listener),
  exit: (code) => process.exit(code),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

/**
 * SIGTERM/SIGINT: stop taking work, let the current request or job finish (app.close runs Nest's shutdown
 * hooks in two phases — beforeApplicationShutdown stops the HTTP server, BullMQ workers and the outbox relay and
 * waits for what they hold; onApplicationShutdown then closes the Redis connections and the Postgres pool), then
 * exit 0. A second signal, or a close that fails or hangs past the timeout, exits 1 at once: a job still running
 * is then handed back to BullMQ by its lock expiring, and another worker runs it again.
 */
export function exitGracefullyOnSignals(close: () => Promise<void>, log: (message: string) => void, timeoutMs = 25_000, proc: ProcessHooks = realProcess): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} received again: exiting now`);
      proc.exit(1);
      return;
    }
    stopping = true;
    log(`${signal} received: finishing current work, then exiting`);
    proc.setTimeout(() => {
      log(`shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      proc.exit(1);
    }, timeoutMs).unref?.();
    close().then(
      () => proc.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${(error as Error)?.message ?? String(error)}`);
        proc.exit(1);
      },
    );
  };
  // Both signals are listened to for the whole shutdown, so a second one is seen whichever came first.
  const listen = (signal: NodeJS.Signals) => proc.once(signal, (s) => {
    stop(s ?? signal);
    listen(signal);
  });
  listen('SIGTERM');
  listen('SIGINT');
}
