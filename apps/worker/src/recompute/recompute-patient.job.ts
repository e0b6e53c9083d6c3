import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { evaluatePatient } from '@app/domain';
import type { RecomputePatientData } from '@app/jobs';
import { type EngineSave, groupCommit, OutboxRepository, ResponseEngineRepository, TransactionRunner } from '@app/persistence';

/**
 * Recomputes a patient's assessments and attribution from everything stored. Re-reads the world under a
 * per-patient lock and returns early when nothing is pending, so duplicates, retries and two workers at
 * once all converge on the same rows. (No look before the lock: with BullMQ's deduplication under 2 % of jobs
 * find nothing to do, so a look would cost every job a statement to spare a few a transaction.)
 *
 * The jobs this worker runs at once share transactions (group commit): spread over many patients, nearly every
 * score is a recompute of its own, and one transaction's four statements then cost more than the engine itself.
 * A batch that fails is retried patient by patient, so one patient's failure stays that patient's job's failure.
 */
@Injectable()
export class RecomputePatientJob {
  private readonly recomputeGrouped: (patientId: string) => Promise<boolean>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly engine: ResponseEngineRepository,
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Two batches at the database at once: the next gathers while one commits, and a batch waiting on a lock
    // another worker holds does not stall every other patient.
    this.recomputeGrouped = groupCommit((ids: readonly string[]) => this.recomputeMany(ids), { maxInFlight: 2, maxBatchSize: config.WORKER_CONCURRENCY });
  }

  /**
   * One pass: rows that arrive while it runs get the job BullMQ starts after this one (keepLastIfActive in the
   * job options), so there is no loop here. `rounds` is 1 when it computed, 0 when nothing was pending.
   */
  async handle({ patientId }: RecomputePatientData): Promise<{ rounds: number }> {
    return { rounds: (await this.recomputeGrouped(patientId)) ? 1 : 0 };
  }

  /** Whether each patient had anything pending (and was recomputed), in the order asked. */
  private recomputeMany(patientIds: readonly string[]): Promise<boolean[]> {
    return this.tx.run(async (tx) => {
      // In id order, as the locks are taken: the rows the batch writes (and the analytics marks its trigger sets)
      // are then locked in the same order by every batch.
      const ids = [...new Set(patientIds)].sort();
      await this.engine.lockPatients(tx, ids);
      const snapshots = await this.engine.loadSnapshots(tx, ids);
      const computed = new Set<string>();
      const saves: EngineSave[] = [];
      const goneRows: string[] = [];
      for (const patientId of ids) {
        const { pendingOutboxIds: covered, inputs } = snapshots.get(patientId)!;
        if (covered.length === 0) continue;
        computed.add(patientId);
        if (!inputs) {
          goneRows.push(...covered);
          continue;
        }
        const watermark = covered[covered.length - 1];
        const { assessments, attribution } = evaluatePatient(inputs.evidence);
        const counts = { scores: inputs.evidence.scores.length, interventions: inputs.evidence.interventions.length };
        saves.push({
          patientId,
          out: { assessments, attribution, computedAt: new Date(), inputsUpTo: inputs.inputsUpTo, inputWatermark: watermark, scoreCount: counts.scores, interventionCount: counts.interventions },
          coveredOutboxIds: covered,
          audit: [{
            actorUserId: null, actorKind: 'worker', action: 'attribution.recompute', resourceType: 'attribution', resourceId: patientId, patientId, requestId: null,
            details: { watermark, ...counts },
          }],
        });
      }
      if (goneRows.length > 0) await this.outbox.markDone(tx, goneRows);
      await this.engine.saveResultsMany(tx, saves);
      return patientIds.map((id) => computed.has(id));
    });
  }
}
