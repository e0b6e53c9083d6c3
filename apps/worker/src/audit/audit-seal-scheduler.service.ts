import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { getJobOptions, JobName, JobQueue, QUEUE_OF } from '@app/jobs';

export const AUDIT_SEAL_SCHEDULER_ID = 'audit-seal';

/** Registers the BullMQ job scheduler that ticks AuditSeal; upserting is idempotent, so every worker does it at start. */
@Injectable()
export class AuditSealSchedulerService implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const item = { name: JobName.AuditSeal, data: {} } as const;
    await this.jobs.queueOf(QUEUE_OF[item.name]).upsertJobScheduler(AUDIT_SEAL_SCHEDULER_ID, { every: this.config.AUDIT_SEAL_INTERVAL_MS }, { name: item.name, data: item.data, opts: getJobOptions(item) });
  }
}
