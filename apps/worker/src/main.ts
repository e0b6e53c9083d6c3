import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@app/config';
import { RedisClient } from '@app/jobs';
import { DataSource } from 'typeorm';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // SIGTERM/SIGINT close the Nest context: processors finish their current job, then pools close.
  app.enableShutdownHooks();
  await app.get(DataSource).query('SELECT 1');
  await app.get(RedisClient).connection.ping();
  logger.log('worker ready: connected to Postgres and Redis');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
