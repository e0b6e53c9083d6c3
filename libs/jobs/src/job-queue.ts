import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { getJobOptions } from './job-options';
import { type JobItem, QUEUE_OF, QueueName } from './job.types';
import { RedisClient } from './redis.module';

/** The producer side: callers say what to run (a JobItem); queue, id and retries come from the registry. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly redis: RedisClient) {}

  async queue(item: JobItem): Promise<void> {
    await this.queueOf(QUEUE_OF[item.name]).add(item.name, item.data, getJobOptions(item));
  }

  async queueAll(items: JobItem[]): Promise<void> {
    // add() rather than addBulk(): deduplication ids are honoured only by add.
    for (const item of items) await this.queue(item);
  }

  queueOf(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.connection, prefix: this.config.BULLMQ_PREFIX });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
