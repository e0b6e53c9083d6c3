import { Global, Injectable, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { createDataSource, type Tx } from './database';
import { DatabaseHealth } from './database-health';
import { FieldCipher, installFieldCipher } from './field-cipher';
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

/** The keyring from PII_KEYS / PII_INDEX_KEY; also installed for the encrypted entity columns before the first query. */
const fieldCipherProvider: Provider = {
  provide: FieldCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => FieldCipher.fromConfig(config),
};

const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG, FieldCipher],
  useFactory: async (config: AppConfig, cipher: FieldCipher) => {
    installFieldCipher(cipher);
    return createDataSource(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE }).initialize();
  },
};

const repositoryProviders = [
  repositories.AuditRepository, repositories.IdempotencyRepository, repositories.InterventionRepository, repositories.OutboxRepository,
  repositories.PainScoreRepository, repositories.PatientRepository, repositories.ResponseEngineRepository, repositories.SessionRepository, repositories.UserRepository, repositories.VisitRepository,
  repositories.SmsPromptRepository, repositories.SmsConsoleMessageRepository,
  repositories.AnalyticsRepository,
];

@Global()
@Module({
  providers: [fieldCipherProvider, dataSourceProvider, TransactionRunner, DataSourceCloser, DatabaseHealth, ...repositoryProviders],
  exports: [DataSource, FieldCipher, TransactionRunner, DatabaseHealth, ...repositoryProviders],
})
export class PersistenceModule {}

