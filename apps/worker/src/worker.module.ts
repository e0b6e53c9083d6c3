import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, Clock, loggerParams } from '@app/config';
import { JobQueue, RedisModule } from '@app/jobs';
import { PersistenceModule } from '@app/persistence';
import { AUDIT_WORKER_PROVIDERS } from './audit/audit-worker.registration';
import { ANALYTICS_WORKER_PROVIDERS } from './analytics/analytics-worker.registration';
import { JobWorkersService } from './job-workers.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { RecomputePatientJob } from './recompute/recompute-patient.job';
import { SMS_WORKER_IMPORTS, SMS_WORKER_PROVIDERS } from './sms/sms-worker.registration';

@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(config, 'worker')), PersistenceModule, RedisModule, ...SMS_WORKER_IMPORTS(config)],
      providers: [{ provide: APP_CONFIG, useValue: config }, JobQueue, RecomputePatientJob, JobWorkersService, OutboxRelayService, ...SMS_WORKER_PROVIDERS, ...AUDIT_WORKER_PROVIDERS, ...ANALYTICS_WORKER_PROVIDERS],
      exports: [APP_CONFIG, Clock],
    };
  }
}
