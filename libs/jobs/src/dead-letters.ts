import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobQueue } from './job-queue';
import { QueueName } from './job.types';

/** A job that failed after all its attempts, as an admin sees it: ids, counts and times — never health data. */
export interface DeadLetter {
  queue: QueueName;
  jobId: string;
  name: string;
  attemptsMade: number;
  /** The last error's first line, quoted values blanked (a database error can echo a parameter), ≤ 200 characters. */
  failedReason: string;
  failedAt: string | null;
  queuedAt: string;
  /** The payload's id fields only (payloads hold ids by design; anything else is left out all the same). */
  ids: Record<string, string>;
}

const ID_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,20})$/i;
export const DEAD_LETTER_LIMIT = 200;

/**
 * Dead-lettered jobs: BullMQ's failed set, which holds only jobs whose last attempt failed (a job that will
 * be retried waits in the delayed set instead). Ticks of a job scheduler are left out: the next tick redoes them.
 */
@Injectable()
export class DeadLetters {
  constructor(private readonly jobs: JobQueue) {}

  async list(limit = DEAD_LETTER_LIMIT): Promise<DeadLetter[]> {
    const found: DeadLetter[] = [];
    for (const queue of Object.values(QueueName)) {
      const failed = await this.jobs.queueOf(queue).getFailed(0, limit - 1);
      for (const job of failed) if (job && !job.repeatJobKey) found.push(describe(queue, job));
    }
    return found.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
  }

  /**
   * Puts a dead-lettered job back in its queue with its attempts reset. 'not_found' for an unknown queue or job,
   * 'not_failed' for a job that is not in the failed set (already retried, running, or done).
   */
  async retry(queue: string, jobId: string): Promise<{ status: 'retried'; job: DeadLetter } | { status: 'not_found' | 'not_failed' }> {
    if (!isQueueName(queue)) return { status: 'not_found' };
    const job = await this.jobs.queueOf(queue).getJob(jobId);
    if (!job) return { status: 'not_found' };
    if ((await job.getState()) !== 'failed') return { status: 'not_failed' };
    const described = describe(queue, job);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return { status: 'retried', job: described };
  }
}

export function isQueueName(value: string): value is QueueName {
  return (Object.values(QueueName) as string[]).includes(value);
}

function describe(queue: QueueName, job: Job): DeadLetter {
  return {
    queue,
    jobId: String(job.id),
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: redactReason(job.failedReason),
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    queuedAt: new Date(job.timestamp).toISOString(),
    ids: idsOf(job.data),
  };
}

export function redactReason(reason: string | undefined): string {
  const line = (reason ?? '').split('\n')[0].replace(/"[^"]*"|'[^']*'/g, '"…"');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function idsOf(data: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  if (!data || typeof data !== 'object') return ids;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (/Id$|Ms$/.test(key) && (typeof value === 'string' || typeof value === 'number') && ID_VALUE.test(String(value))) ids[key] = String(value);
  }
  return ids;
}
