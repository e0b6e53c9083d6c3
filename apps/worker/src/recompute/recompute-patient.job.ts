import { Injectable, Logger } from '@nestjs/common';
import { evaluatePatient } from '@app/domain';
import type { RecomputePatientData } from '@app/jobs';
import { AuditRepository, OutboxRepository, ResponseEngineRepository, TransactionRunner } from '@app/persistence';

/** Rounds one job may run when changes keep arriving while it computes; the sweeper catches anything beyond. */
const MAX_ROUNDS = 5;

/**
 * Recomputes a patient's assessments and attribution from everything stored. Re-reads the world under a
 * per-patient lock and returns early when nothing is pending, so duplicates, retries and two workers at
 * once all converge on the same rows.
 */
@Injectable()
export class RecomputePatientJob {
  private readonly logger = new Logger(RecomputePatientJob.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly engine: ResponseEngineRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditRepository,
  ) {}

  async handle({ patientId }: RecomputePatientData): Promise<{ rounds: number }> {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      // A cheap look without the lock first: most duplicate jobs and most second rounds find nothing to do.
      if ((await this.outbox.pendingWatermark(patientId)) === null) return { rounds: round - 1 };
      const computed = await this.tx.run(async (tx) => {
        await this.engine.lockPatient(tx, patientId);
        const { pendingOutboxIds: covered, inputs } = await this.engine.loadSnapshot(tx, patientId);
        if (covered.length === 0) return false;
        const watermark = covered[covered.length - 1];
        if (!inputs) {
          await this.outbox.markDone(tx, covered);
          return true;
        }
        const { assessments, attribution } = evaluatePatient(inputs.evidence);
        const counts = { scores: inputs.evidence.scores.length, interventions: inputs.evidence.interventions.length };
        await this.engine.saveResults(tx, patientId, {
          assessments, attribution, computedAt: new Date(), inputsUpTo: inputs.inputsUpTo, inputWatermark: watermark, scoreCount: counts.scores, interventionCount: counts.interventions,
        }, covered);
        await this.audit.append(tx, [{
          actorUserId: null, actorKind: 'worker', action: 'attribution.recompute', resourceType: 'attribution', resourceId: patientId, patientId, requestId: null,
          details: { watermark, ...counts },
        }]);
        return true;
      });
      if (!computed) return { rounds: round - 1 };
    }
    this.logger.warn({ patientId }, 'changes kept arriving during recompute; the sweeper will pick up the rest');
    return { rounds: MAX_ROUNDS };
  }
}
