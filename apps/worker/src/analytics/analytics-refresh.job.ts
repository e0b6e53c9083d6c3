import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { analyticsFactsOf } from '@app/domain';
import { AnalyticsRepository, OutboxRepository, TransactionRunner } from '@app/persistence';

/**
 * Patients refreshed per transaction (their sources read and facts written in a dozen set-based queries, not a
 * dozen per patient), and per tick at most; a backlog (first start on a big cohort) drains over a few ticks. The
 * clinical side is looked at again before every batch, so a batch is kept to ~1–3 s of work at 100,000 patients.
 */
const BATCH = 100;
const MAX_PER_TICK = 5_000;
/**
 * Clinical recomputes come first: a patient's refresh costs about three recomputes' worth of CPU (~14 ms in worker
 * and Postgres at 100,000 patients, against ~5 ms for a recompute), so while recomputes are pending (or a change —
 * mostly a score — arrived in the last RECENT_ACTIVITY_MS) a tick takes one small batch (SHARING patients: ~5 a
 * second at the 2-second tick), and while the oldest pending one has waited longer than CLINICAL_LAG_MS only a
 * trickle (TRICKLE). A burst of patients whose facts fall due together (a clinic's morning) otherwise takes the cores
 * the recomputes need: on 2 cores at 200 scores/s, freshness p95 went from 0.2 s to 4.6 s with the refresh running at
 * 20 patients a tick (bench, 2026-11-26). Analysts' charts may lag; the backlog drains at full speed once the clinical
 * side is quiet.
 */
const CLINICAL_LAG_MS = 500;
const SHARING = 10;
const TRICKLE = 2;
/**
 * Changes this recent (outbox rows: scores, mostly) count as a stream, pending or not: at 200 scores/s there are
 * instants with nothing pending, and a tick that took them for idle took batches of 100 (~3 s of work at 100,000
 * patients) and left the recomputes a backlog of several seconds that took a minute to drain (bench, 2026-11-26).
 */
const RECENT_ACTIVITY_MS = 5_000;

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
      const clinical = await this.outbox.clinicalActivity();
      const yielding = clinical.oldestPendingMs > 0 || (clinical.sinceNewestMs !== null && clinical.sinceNewestMs < RECENT_ACTIVITY_MS);
      const stale = await this.analytics.stalePatients(clinical.oldestPendingMs > CLINICAL_LAG_MS ? TRICKLE : yielding ? SHARING : BATCH, this.config.ANALYTICS_REFRESH_MIN_AGE_MS);
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
