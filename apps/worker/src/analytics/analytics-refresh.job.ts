import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { analyticsFactsOf } from '@app/domain';
import { AnalyticsRepository, TransactionRunner } from '@app/persistence';

/** Patients refreshed per tick at most; a backlog (first start on a big cohort) drains over a few ticks. */
const BATCH = 200;
const MAX_PER_TICK = 2_000;

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
      const stale = await this.analytics.stalePatients(BATCH, this.config.ANALYTICS_PATIENT_REFRESH_MS);
      if (stale.length === 0) break;
      let progressed = 0;
      for (const patientId of stale) if (await this.refresh(patientId)) progressed++;
      refreshed += progressed;
      // Everything left is locked by another worker (or vanished): let the next tick look again.
      if (progressed === 0) break;
    }
    if (refreshed > 0) this.logger.log({ patients: refreshed }, 'analytics aggregates refreshed');
    return { refreshed };
  }

  refresh(patientId: string): Promise<boolean> {
    return this.tx.run(async (tx) => {
      if (!(await this.analytics.tryLockPatient(tx, patientId))) return false;
      const read = await this.analytics.loadSource(tx, patientId);
      if (!read) return false;
      await this.analytics.replaceFacts(tx, patientId, analyticsFactsOf(read.source), read.computedAt, read.smsSeenAt);
      return true;
    });
  }
}
