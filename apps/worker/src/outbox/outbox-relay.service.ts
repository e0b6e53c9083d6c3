import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobName, JobQueue } from '@app/jobs';
import { OutboxRepository, type PendingRecompute } from '@app/persistence';

export const RELAY_INTERVAL_MS = 100;

/**
 * Moves outbox rows to BullMQ (Postgres is the source of truth; Redis may forget), and sweeps rows whose
 * job vanished. Runs in every worker; SKIP LOCKED keeps them from relaying the same row.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running = false;
  private loop?: Promise<void>;
  private lastSweep = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One pass: relay what is new, and now and then re-enqueue what is overdue. Returns rows relayed. */
  async tick(now = Date.now()): Promise<number> {
    const relayed = await this.outbox.relay(500, (pending) => this.enqueue(pending));
    if (now - this.lastSweep >= this.config.OUTBOX_SWEEP_INTERVAL_MS) {
      this.lastSweep = now;
      const overdue = await this.outbox.overdue(this.config.OUTBOX_SWEEP_AFTER_MS, 500);
      if (overdue.length > 0) {
        this.logger.warn({ patients: overdue.length }, 're-enqueueing recomputes whose job went missing');
        await this.enqueue(overdue);
      }
    }
    return relayed;
  }

  /** Returns the patients whose recompute job was created now (not folded into one already queued or running). */
  private async enqueue(pending: PendingRecompute[]): Promise<Set<string>> {
    const created = await this.jobs.queueAll(pending.map((p) => ({ name: JobName.RecomputePatient, data: { patientId: p.patientId, outboxId: p.outboxId } })));
    return new Set(pending.filter((_, i) => created[i]).map((p) => p.patientId));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const relayed = await this.tick();
        failures = 0;
        if (relayed === 0) await sleep(RELAY_INTERVAL_MS);
      } catch (error) {
        failures++;
        const delay = Math.min(RELAY_INTERVAL_MS * 2 ** failures, 10_000) * (0.5 + Math.random() / 2);
        this.logger.warn({ err: { message: (error as Error).message }, retryInMs: Math.round(delay) }, 'outbox relay failed; retrying');
        await sleep(delay);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
