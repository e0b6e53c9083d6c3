import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { analyticsFactsOf } from '@app/domain';
import { AnalyticsRepository, TransactionRunner } from '@app/persistence';

/**
 * Patients refreshed per transaction (their sources read and facts written in a dozen set-based queries, not a
 * dozen per patient), and per tick at most; a backlog (first start on a big cohort) drains over a few ticks.
 */
const BATCH = 200;
const MAX_PER_TICK = 5_000;

/**
 * Keeps the analyst aggregates in step with the response engine: each tick finds the patients whose
 * attribution or diary changed since their facts were written and rewrites their facts from the stored
 * inputs and results. Idempotent per patient, so overlapping ticks and several workers agree.
 */
@Injectable()
export class AnalyticsRefreshJob {
  private readonly logger = new Logger(AnalyticsRefreshJob.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly analytics: AnalyticsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(): Promise<{ refreshed: number }> {
    let refreshed = 0;
    while (refreshed < MAX_PER_TICK) {
      const stale = await this.analytics.stalePatients(BATCH, this.config.ANALYTICS_REFRESH_MIN_AGE_MS);
      if (stale.length === 0) break;
      const progressed = await this.refreshMany(stale);
      refreshed += progressed;
      // Everything left is locked by another worker (or vanished): let the next tick look again.
      if (progressed === 0) break;
    }
    if (refreshed > 0) this.logger.log({ patients: refreshed }, 'analytics aggregates refreshed');
    return { refreshed };
  }

  async refresh(patientId: string): Promise<boolean> {
    return (await this.refreshMany([patientId])) === 1;
  }

  /** Refreshes the patients no other worker holds, in one transaction; returns how many were refreshed. */
  refreshMany(patientIds: string[]): Promise<number> {
    return this.tx.run(async (tx) => {
      const locked = await this.analytics.tryLockPatients(tx, patientIds);
      if (locked.length === 0) return 0;
      const reads = await this.analytics.loadSources(tx, locked);
      await this.analytics.replaceFactsMany(
        tx,
        [...reads].map(([patientId, read]) => ({ patientId, facts: analyticsFactsOf(read.source), computedAt: read.computedAt, smsSeenAt: read.smsSeenAt })),
      );
      return reads.size;
    });
  }
}
