import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, exitGracefullyOnSignals, loadConfig } from '@app/config';
import { RedisClient } from '@app/jobs';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  exitGracefullyOnSignals(() => app.close(), (message) => logger.log(message));
  await app.get(DataSource).query('SELECT 1');
  await app.get(RedisClient).connection.ping();
  logger.log('worker ready: connected to Postgres and Redis');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
