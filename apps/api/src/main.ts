import { ConfigError, exitGracefullyOnSignals, loadConfig } from '@app/config';
import { Logger } from 'nestjs-pino';
import { createApi } from './app.setup';
import { HttpDrain } from './common/http-drain';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  const drain = HttpDrain.of(app);
  // Stop taking work (keep-alive connections closed as they go idle, readiness 503), let requests in flight
  // finish, then close the pools (Nest's shutdown hooks).
  exitGracefullyOnSignals(async () => {
    drain.begin(app.getHttpServer());
    await app.close();
  }, (message) => app.get(Logger).log(message));
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`api listening on port ${config.PORT}`);
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
