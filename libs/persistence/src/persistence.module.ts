import { Global, Injectable, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { createDataSource, type Tx } from './database';
import { DatabaseHealth } from './database-health';
import * as repositories from './repositories';

@Injectable()
export class TransactionRunner {
  constructor(private readonly db: DataSource) {}
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly db: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}

const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => createDataSource(config.DATABASE_URL, { poolSize: 10 }).initialize(),
};

const repositoryProviders = [
  repositories.AuditRepository, repositories.IdempotencyRepository, repositories.InterventionRepository, repositories.OutboxRepository,
  repositories.PainScoreRepository, repositories.PatientRepository, repositories.ResponseEngineRepository, repositories.SessionRepository, repositories.UserRepository, repositories.VisitRepository,
  repositories.SmsPromptRepository, repositories.SmsConsoleMessageRepository,
];

@Global()
@Module({
  providers: [dataSourceProvider, TransactionRunner, DataSourceCloser, DatabaseHealth, ...repositoryProviders],
  exports: [DataSource, TransactionRunner, DatabaseHealth, ...repositoryProviders],
})
export class PersistenceModule {}

