import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, smsProviderOf } from '@app/config';
import { getJobOptions, JobName, JobQueue, QueueName } from '@app/jobs';

export const SMS_DISPATCH_SCHEDULER_ID = 'sms-dispatch-due';

/**
 * Registers the BullMQ job scheduler that ticks SmsDispatchDue. Upserting is idempotent, so every worker may do
 * it at start; BullMQ keeps one schedule per id however many workers there are. With SMS_PROVIDER=none it is removed.
 */
@Injectable()
export class SmsSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SmsSchedulerService.name);

  constructor(private readonly jobs: JobQueue, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queueOf(QueueName.Sms);
    if (smsProviderOf(this.config) === 'none') {
      await queue.removeJobScheduler(SMS_DISPATCH_SCHEDULER_ID);
      this.logger.warn('SMS_PROVIDER=none: the SMS diary sends nothing');
      return;
    }
    const item = { name: JobName.SmsDispatchDue, data: {} } as const;
    await queue.upsertJobScheduler(SMS_DISPATCH_SCHEDULER_ID, { every: this.config.SMS_DISPATCH_INTERVAL_MS }, { name: item.name, data: item.data, opts: getJobOptions(item) });
  }
}
