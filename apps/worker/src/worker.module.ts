import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig, loggerParams } from '@app/config';
import { RedisModule } from '@app/jobs';
import { PersistenceModule } from '@app/persistence';

@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(config, 'worker')), PersistenceModule, RedisModule],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
