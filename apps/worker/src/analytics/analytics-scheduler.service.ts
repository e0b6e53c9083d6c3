import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { getJobOptions, JobName, JobQueue, QueueName } from '@app/jobs';

export const ANALYTICS_REFRESH_SCHEDULER_ID = 'analytics-refresh-due';
/**
 * How often the worker looks for patients whose aggregates are stale. Cheap when nothing changed (one
 * indexed query), and short enough that a recompute shows up in the analyst views within seconds.
 */
export const ANALYTICS_REFRESH_EVERY_MS = 2_000;

/** Registers the repeatable tick; upserting is idempotent, so every worker may do it at start. */
@Injectable()
export class AnalyticsSchedulerService implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    const item = { name: JobName.AnalyticsRefreshDue, data: {} } as const;
    await this.jobs
      .queueOf(QueueName.Analytics)
      .upsertJobScheduler(ANALYTICS_REFRESH_SCHEDULER_ID, { every: ANALYTICS_REFRESH_EVERY_MS }, { name: item.name, data: item.data, opts: getJobOptions(item) });
  }
}
