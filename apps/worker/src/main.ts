import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, exitGracefullyOnSignals, loadConfig } from '@app/config';
import { RedisClient } from '@app/jobs';
import { DatabaseHealth } from '@app/persistence';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  exitGracefullyOnSignals(() => app.close(), (message) => logger.log(message));
  if (!(await app.get(DatabaseHealth).ping(5_000))) throw new Error('Postgres does not answer');
  await app.get(RedisClient).connection.ping();
  logger.log('worker ready: connected to Postgres and Redis');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
