import type { JobsOptions } from 'bullmq';
import { type JobItem, JobName } from './job.types';

/** Every job's id, dedup, retry and retention settings, decided in one place. */
export function getJobOptions(item: JobItem): JobsOptions {
  switch (item.name) {
    case JobName.RecomputePatient:
      return {
        // jobId = outbox id: relaying the same outbox row twice cannot create two jobs.
        jobId: `outbox-${item.data.outboxId}`,
        // One queued recompute per patient: a burst of scores becomes one job. A change arriving while
        // the job runs is caught by the job itself (it loops until no row is pending) or by the sweeper.
        deduplication: { id: `recompute-${item.data.patientId}` },
        attempts: 8,
        backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      };
  }
}
