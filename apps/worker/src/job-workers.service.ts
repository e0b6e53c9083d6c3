import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Redis } from 'ioredis';
import { createRedis, type JobItem, JobName, QUEUE_OF, QueueName } from '@app/jobs';
import { AuditSealJob } from './audit/audit-seal.job';
import { AnalyticsRefreshJob } from './analytics/analytics-refresh.job';
import { RecomputePatientJob } from './recompute/recompute-patient.job';
import { SmsDispatchDueJob } from './sms/sms-dispatch-due.job';
import { SmsSendPromptJob } from './sms/sms-send-prompt.job';

type Handlers = { [N in JobName]: (data: Extract<JobItem, { name: N }>['data']) => Promise<unknown> };

/** One BullMQ Worker per queue, dispatching by job name to a handler; a job name without one fails start-up. */
@Injectable()
export class JobWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkersService.name);
  private readonly workers: Worker[] = [];
  private readonly handlers: Handlers;
  /** Its own connection, closed only after every worker has finished its job in hand. */
  private readonly connection: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    recompute: RecomputePatientJob,
    smsDispatch: SmsDispatchDueJob,
    smsSend: SmsSendPromptJob,
    auditSeal: AuditSealJob,
    analyticsRefresh: AnalyticsRefreshJob,
  ) {
    this.handlers = {
      [JobName.RecomputePatient]: (data) => recompute.handle(data),
      [JobName.SmsDispatchDue]: () => smsDispatch.handle(),
      [JobName.SmsSendPrompt]: (data) => smsSend.handle(data),
      [JobName.AuditSeal]: () => auditSeal.handle(),
      [JobName.AnalyticsRefreshDue]: () => analyticsRefresh.handle(),
    };
    const missing = Object.values(JobName).filter((name) => typeof this.handlers[name] !== 'function');
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    this.connection = createRedis(config.REDIS_URL, 'relieftrace-worker');
    this.connection.on('error', () => undefined);
  }

  onApplicationBootstrap(): void {
    for (const queue of new Set(Object.values(QUEUE_OF))) this.workers.push(this.startWorker(queue));
  }

  /**
   * First phase of shutdown (before any pool closes): stop fetching jobs and wait for the jobs in hand to finish,
   * while Postgres is still open to them. A job cut short (second signal, timeout, SIGKILL) keeps its lock until it
   * expires; BullMQ then finds it stalled and another worker runs it again.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(queue, (job: Job) => this.handlers[job.name as JobName](job.data), {
      connection: this.connection,
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      // A killed worker's job is found stalled and run again (every handler is idempotent); only a job that stalls
      // this many times — a poison job crashing its worker — is given up and dead-lettered.
      lockDuration: this.config.JOB_LOCK_DURATION_MS,
      stalledInterval: this.config.JOB_LOCK_DURATION_MS,
      maxStalledCount: 5,
    });
    worker.on('failed', (job, error) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, reason: error.message }, 'job failed'));
    worker.on('error', (error) => this.logger.warn({ queue, reason: error.message }, 'worker connection problem'));
    return worker;
  }
}
