import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { getJobOptions } from './job-options';
import { type JobItem, QUEUE_OF, QueueName } from './job.types';
import { createRedis } from './redis.module';

/** How often the job schedulers registered through this producer are checked for and put back if Redis lost them. */
export const SCHEDULER_CHECK_INTERVAL_MS = 5_000;

type UpsertArgs = Parameters<Queue['upsertJobScheduler']>;

/** The producer side: callers say what to run (a JobItem); queue, id and retries come from the registry. */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<QueueName, Queue>();
  /** A connection of its own, closed after the queues: a shared one could close under a queue still flushing. */
  private readonly connection: Redis;
  /** Job schedulers upserted through queueOf(), by queue and scheduler id: Redis keeps them, but may forget them. */
  private readonly schedulers = new Map<string, { queue: QueueName; args: UpsertArgs }>();
  private schedulerTimer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, 'relieftrace-producer');
    this.connection.on('error', () => undefined);
  }

  onApplicationBootstrap(): void {
    this.schedulerTimer = setInterval(() => void this.restoreSchedulers(), SCHEDULER_CHECK_INTERVAL_MS);
    this.schedulerTimer.unref();
  }

  /** Adds the job; BullMQ folds it into an existing one with the same job id or deduplication id. */
  async queue(item: JobItem): Promise<void> {
    await this.queueOf(QUEUE_OF[item.name]).add(item.name, item.data, getJobOptions(item));
  }

  /** Adds each job. add() rather than addBulk(): only add honours deduplication ids. */
  async queueAll(items: JobItem[]): Promise<void> {
    // Concurrently: ioredis writes the commands back to back on one connection, so a batch of a few hundred
    // costs about one round trip rather than one each.
    await Promise.all(items.map((item) => this.queue(item)));
  }

  /** Whether Redis still holds the job of this item (in any state); items without a fixed job id count as present. */
  async exists(item: JobItem): Promise<boolean> {
    const { jobId } = getJobOptions(item);
    if (jobId === undefined) return true;
    return (await this.queueOf(QUEUE_OF[item.name]).getJob(jobId)) !== undefined;
  }

  queueOf(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.BULLMQ_PREFIX });
      this.rememberSchedulers(name, queue);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Job schedulers live only in Redis: a Redis that restarts empty (or a FLUSHALL) silently stops every
   * periodic tick. Each one upserted through this producer is remembered and upserted again when it is missing.
   */
  async restoreSchedulers(): Promise<void> {
    if (this.checking || this.schedulers.size === 0 || this.connection.status !== 'ready') return;
    this.checking = (async () => {
      for (const [key, { queue, args }] of this.schedulers) {
        try {
          const q = this.queueOf(queue);
          if (await q.getJobScheduler(args[0])) continue;
          await q.upsertJobScheduler(...args);
          this.logger.warn({ queue, scheduler: args[0] }, 'job scheduler missing from Redis; registered again');
        } catch (error) {
          this.logger.warn({ scheduler: key, reason: (error as Error).message }, 'could not check a job scheduler; will try again');
        }
      }
    })().finally(() => (this.checking = undefined));
    await this.checking;
  }

  private rememberSchedulers(name: QueueName, queue: Queue): void {
    const upsert = queue.upsertJobScheduler.bind(queue);
    const remove = queue.removeJobScheduler.bind(queue);
    queue.upsertJobScheduler = (async (...args: UpsertArgs) => {
      const result = await upsert(...args);
      this.schedulers.set(`${name}:${args[0]}`, { queue: name, args });
      return result;
    }) as Queue['upsertJobScheduler'];
    queue.removeJobScheduler = async (id: string) => {
      this.schedulers.delete(`${name}:${id}`);
      return remove(id);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.schedulerTimer);
    await this.checking;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
