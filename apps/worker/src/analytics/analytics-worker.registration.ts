import type { Provider } from '@nestjs/common';
import { AnalyticsRefreshJob } from './analytics-refresh.job';
import { AnalyticsSchedulerService } from './analytics-scheduler.service';

/** The analyst aggregates' share of WorkerModule. */
export const ANALYTICS_WORKER_PROVIDERS: Provider[] = [AnalyticsRefreshJob, AnalyticsSchedulerService];
