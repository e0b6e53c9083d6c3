import type { JobsOptions } from 'bullmq';
import { type JobItem, JobName } from './job.types';

/** Every job's id, dedup, retry and retention settings, decided in one place. */
export function getJobOptions(item: JobItem): JobsOptions {
  switch (item.name) {
    case JobName.RecomputePatient:
      return {
        // jobId = outbox id: relaying the same outbox row twice cannot create two jobs.
        jobId: `outbox-${item.data.outboxId}`,
        // The sweeper's re-offer gets its own id (a failed or finished job keeps the plain one); the deduplication
        // id below still folds it into any recompute of that patient already queued or running.
        ...(item.data.sweep ? { jobId: `outbox-${item.data.outboxId}-sweep-${item.data.sweep}` } : {}),
        // One queued recompute per patient: a burst of scores becomes one job, since a waiting job reads
        // every pending row when it starts. While the patient's job runs, BullMQ keeps one more to start when
        // it ends (keepLastIfActive): the running job may already have read its inputs.
        deduplication: { id: `recompute-${item.data.patientId}`, keepLastIfActive: true },
        attempts: 8,
        backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      };
    case JobName.AuditSeal:
      // Sealer ticks: the next tick picks up whatever one failed to seal; nothing worth keeping.
      return { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } };
    case JobName.SmsDispatchDue:
      // The scheduler's ticks: nothing to retry (the next tick comes soon), nothing worth keeping.
      return { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } };
    case JobName.SmsSendPrompt:
      return {
        // One job per prompt and due time: the scheduler queuing the same prompt twice creates one job.
        jobId: `sms-${item.data.promptId}-${item.data.dueAtMs}`,
        // Transient provider errors only (the handler gives up at once on permanent or ambiguous ones).
        attempts: SMS_SEND_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1_000, jitter: 0.3 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      };
    case JobName.AnalyticsRefreshDue:
      // Ticks like the SMS scheduler's: a failed tick is simply redone by the next one.
      return { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } };
  }
}

/** Tries of one SMS before it is marked failed; the send handler reads it to know its last attempt. */
export const SMS_SEND_ATTEMPTS = 5;
