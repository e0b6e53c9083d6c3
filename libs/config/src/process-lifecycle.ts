/**
 * SIGTERM/SIGINT: stop taking work, let the current request or job finish (app.close runs Nest's shutdown
 * hooks: workers close, pools drain), then exit 0. A second signal, or a close that hangs, exits at once.
 */
export function exitGracefullyOnSignals(close: () => Promise<void>, log: (message: string) => void, timeoutMs = 25_000): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal} received: finishing current work, then exiting`);
    setTimeout(() => {
      log(`shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
