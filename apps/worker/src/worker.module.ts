import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, loggerParams } from '@app/config';
import { JobQueue, RedisModule } from '@app/jobs';
import { PersistenceModule } from '@app/persistence';
import { JobWorkersService } from './job-workers.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { RecomputePatientJob } from './recompute/recompute-patient.job';

@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(config, 'worker')), PersistenceModule, RedisModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, JobQueue, RecomputePatientJob, JobWorkersService, OutboxRelayService],
      exports: [APP_CONFIG],
    };
  }
}
