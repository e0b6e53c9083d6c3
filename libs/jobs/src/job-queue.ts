import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { getJobOptions } from './job-options';
import { type JobItem, QUEUE_OF, QueueName } from './job.types';
import { createRedis } from './redis.module';

/** The producer side: callers say what to run (a JobItem); queue, id and retries come from the registry. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  /** A connection of its own, closed after the queues: a shared one could close under a queue still flushing. */
  private readonly connection: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.REDIS_URL, 'relieftrace-producer');
    this.connection.on('error', () => undefined);
  }

  /** Adds the job; false when BullMQ kept an existing job instead (same job id, or the same deduplication id). */
  async queue(item: JobItem): Promise<boolean> {
    const options = getJobOptions(item);
    const job = await this.queueOf(QUEUE_OF[item.name]).add(item.name, item.data, options);
    return options.jobId === undefined || job.id === options.jobId;
  }

  /** Adds each job; returns which were created. add() rather than addBulk(): only add honours deduplication ids. */
  async queueAll(items: JobItem[]): Promise<boolean[]> {
    const created: boolean[] = [];
    for (const item of items) created.push(await this.queue(item));
    return created;
  }

  queueOf(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.BULLMQ_PREFIX });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
