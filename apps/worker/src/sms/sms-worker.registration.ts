import type { DynamicModule, Provider } from '@nestjs/common';
import { type AppConfig, Clock } from '@app/config';
import { SmsModule } from '@app/sms';
import { SmsDispatchDueJob } from './sms-dispatch-due.job';
import { SmsSchedulerService } from './sms-scheduler.service';
import { SmsSendPromptJob } from './sms-send-prompt.job';

/** The SMS diary's share of WorkerModule. */
export const SMS_WORKER_IMPORTS = (config: AppConfig): DynamicModule[] => [SmsModule.forConfig(config)];
export const SMS_WORKER_PROVIDERS: Provider[] = [Clock, SmsDispatchDueJob, SmsSendPromptJob, SmsSchedulerService];
