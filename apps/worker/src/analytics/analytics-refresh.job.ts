import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { analyticsFactsOf } from '@app/domain';
import { AnalyticsRepository, OutboxRepository, TransactionRunner } from '@app/persistence';

/**
 * Patients refreshed per transaction (their sources read and facts written in a dozen set-based queries, not a
 * dozen per patient), and per tick at most; a backlog (first start on a big cohort) drains over a few ticks.
 */
const BATCH = 200;
const MAX_PER_TICK = 5_000;
/**
 * Clinical recomputes come first. While the oldest pending one has waited longer than this, a tick refreshes only
 * SMALL_BATCH patients: a burst of patients whose facts fall due together (a clinic's morning) otherwise takes the
 * cores the recomputes need, and clinicians' attributions fall seconds behind. Analysts' charts may lag; at
 * 10 patients a second the refresh still meets every patient's interval in a busy clinic.
 */
const CLINICAL_LAG_MS = 500;
const SMALL_BATCH = 20;

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
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(): Promise<{ refreshed: number }> {
    let refreshed = 0;
    while (refreshed < MAX_PER_TICK) {
      const yielding = (await this.outbox.oldestPendingAgeMs()) > CLINICAL_LAG_MS;
      const stale = await this.analytics.stalePatients(yielding ? SMALL_BATCH : BATCH, this.config.ANALYTICS_REFRESH_MIN_AGE_MS);
      if (stale.length === 0) break;
      const done = await this.refreshMany(stale.map((m) => m.patientId));
      // After the commit, in a statement of its own: the marks' row locks are then never held through a refresh,
      // which would hold up a recompute of the same patient (its trigger writes the mark).
      await this.analytics.clearStale(stale.filter((m) => done.has(m.patientId)));
      const progressed = done.size;
      refreshed += progressed;
      // Everything left is locked by another worker (or vanished): let the next tick look again.
      if (progressed === 0 || yielding) break;
    }
    if (refreshed > 0) this.logger.log({ patients: refreshed }, 'analytics aggregates refreshed');
    return { refreshed };
  }

  /**
   * Refreshes the patients no other worker holds, in one transaction; returns those it dealt with — refreshed, or
   * without an attribution (nothing to show analysts yet).
   */
  refreshMany(patientIds: string[]): Promise<Set<string>> {
    return this.tx.run(async (tx) => {
      const locked = await this.analytics.tryLockPatients(tx, patientIds);
      if (locked.length === 0) return new Set<string>();
      const reads = await this.analytics.loadSources(tx, locked);
      await this.analytics.replaceFactsMany(tx, [...reads].map(([patientId, read]) => ({ patientId, facts: analyticsFactsOf(read.source), computedAt: read.computedAt })));
      return new Set(locked);
    });
  }
}
