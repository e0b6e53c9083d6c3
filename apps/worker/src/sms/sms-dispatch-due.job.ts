import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock } from '@app/config';
import { JobName, JobQueue } from '@app/jobs';
import { SmsPromptRepository } from '@app/persistence';

const BATCH = 200;
/** A prompt queued this long without its job starting is queued again (same job id, so never twice). */
const REQUEUE_AFTER_MS = 5 * 60_000;
/** A prompt queued this long is checked against Redis: a job lost with Redis (restart, FLUSHALL) is queued again at once. */
const CHECK_JOB_AFTER_MS = 10_000;

/**
 * The scheduler's tick (a BullMQ job scheduler runs it every SMS_DISPATCH_INTERVAL_MS): claims due prompts with
 * FOR UPDATE SKIP LOCKED and queues one send job each, so any number of workers may tick at once.
 */
@Injectable()
export class SmsDispatchDueJob {
  private readonly logger = new Logger(SmsDispatchDueJob.name);

  constructor(
    private readonly prompts: SmsPromptRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(): Promise<{ queued: number; unknown: number }> {
    const now = this.clock.now();
    const stuck = await this.prompts.markStuckSendingUnknown(now, this.config.SMS_SENDING_TIMEOUT_MS);
    if (stuck.length > 0) this.logger.warn({ prompts: stuck }, 'prompts left in sending by a stopped worker marked unknown (not re-sent)');
    let queued = 0;
    for (;;) {
      const claimed = await this.prompts.claimDue(now, BATCH, (due) => this.enqueue(due));
      queued += claimed;
      if (claimed < BATCH) break;
    }
    const stale = await this.prompts.staleQueued(now, REQUEUE_AFTER_MS, BATCH);
    if (stale.length > 0) await this.enqueue(stale);
    const vanished = await this.withoutJob(await this.prompts.staleQueued(now, CHECK_JOB_AFTER_MS, BATCH));
    if (vanished.length > 0) {
      this.logger.warn({ prompts: vanished.length }, 'queued prompts whose job is gone from Redis queued again');
      await this.enqueue(vanished);
    }
    return { queued, unknown: stuck.length };
  }

  /** The prompts whose send job is no longer in Redis (same job id, so queuing them again can never make two). */
  private async withoutJob(prompts: Array<{ id: string; dueAt: Date }>): Promise<Array<{ id: string; dueAt: Date }>> {
    const gone: Array<{ id: string; dueAt: Date }> = [];
    for (const p of prompts) {
      if (!(await this.jobs.exists({ name: JobName.SmsSendPrompt, data: { promptId: p.id, dueAtMs: p.dueAt.getTime() } }))) gone.push(p);
    }
    return gone;
  }

  private async enqueue(due: Array<{ id: string; dueAt: Date }>): Promise<void> {
    await this.jobs.queueAll(due.map((p) => ({ name: JobName.SmsSendPrompt, data: { promptId: p.id, dueAtMs: p.dueAt.getTime() } })));
  }
}
