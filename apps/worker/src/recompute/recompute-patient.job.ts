import { Injectable } from '@nestjs/common';
import { evaluatePatient } from '@app/domain';
import type { RecomputePatientData } from '@app/jobs';
import { OutboxRepository, ResponseEngineRepository, TransactionRunner } from '@app/persistence';

/**
 * Recomputes a patient's assessments and attribution from everything stored. Re-reads the world under a
 * per-patient lock and returns early when nothing is pending, so duplicates, retries and two workers at
 * once all converge on the same rows. (No look before the lock: with BullMQ's deduplication under 2 % of jobs
 * find nothing to do, so a look would cost every job a statement to spare a few a transaction.)
 */
@Injectable()
export class RecomputePatientJob {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engine: ResponseEngineRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * One pass: rows that arrive while it runs get the job BullMQ starts after this one (keepLastIfActive in the
   * job options), so there is no loop here. `rounds` is 1 when it computed, 0 when nothing was pending.
   */
  async handle({ patientId }: RecomputePatientData): Promise<{ rounds: number }> {
    const computed = await this.tx.run(async (tx) => {
      await this.engine.lockPatient(tx, patientId);
      const { pendingOutboxIds: covered, inputs } = await this.engine.loadSnapshot(tx, patientId);
      if (covered.length === 0) return false;
      if (!inputs) {
        await this.outbox.markDone(tx, covered);
        return true;
      }
      const watermark = covered[covered.length - 1];
      const { assessments, attribution } = evaluatePatient(inputs.evidence);
      const counts = { scores: inputs.evidence.scores.length, interventions: inputs.evidence.interventions.length };
      const audit = {
        actorUserId: null, actorKind: 'worker', action: 'attribution.recompute', resourceType: 'attribution', resourceId: patientId, patientId, requestId: null,
        details: { watermark, ...counts },
      };
      await this.engine.saveResults(tx, patientId, {
        assessments, attribution, computedAt: new Date(), inputsUpTo: inputs.inputsUpTo, inputWatermark: watermark, scoreCount: counts.scores, interventionCount: counts.interventions,
      }, covered, [audit]);
      return true;
    });
    return { rounds: computed ? 1 : 0 };
  }
}
