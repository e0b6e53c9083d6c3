import { Injectable } from '@nestjs/common';
import type { Attribution, IndexKnee, InterventionType, Laterality, PainScoreSource, PatientEvidenceInput, ResponseAssessment, VisitFindings } from '@app/domain';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { type AuditEntry, auditInsertSql, auditRowsJson } from './audit.repository';
import { AttributionEntity, ResponseAssessmentEntity } from '../entities';

export interface EngineInputs {
  evidence: PatientEvidenceInput;
  /** The newest moment any input changed: a score received, an intervention or visit edited. */
  inputsUpTo: Date | null;
}

/** The outbox rows pending for a patient and the engine's inputs (null when the patient is gone). */
export interface EngineSnapshot {
  pendingOutboxIds: string[];
  inputs: EngineInputs | null;
}

export interface EngineOutputs {
  assessments: ResponseAssessment[];
  attribution: Attribution;
  computedAt: Date;
  inputsUpTo: Date | null;
  inputWatermark: string;
  scoreCount: number;
  interventionCount: number;
}

/** One patient's results to store, with the outbox rows they cover and their audit rows. */
export interface EngineSave {
  patientId: string;
  out: EngineOutputs;
  coveredOutboxIds: string[];
  audit: AuditEntry[];
}

@Injectable()
export class ResponseEngineRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Serialises recomputes of each patient across workers; released when the transaction ends. Taken in id order,
   * so two workers' batches that share patients queue behind each other instead of deadlocking. The transaction
   * also commits without waiting for its WAL flush: it holds only derived results and the outbox rows they
   * cover, so a crash that loses it leaves those rows pending and the recompute simply runs again.
   */
  async lockPatients(tx: Tx, patientIds: readonly string[]): Promise<void> {
    await tx.query(
      `SELECT set_config('synchronous_commit', 'off', true),
              (SELECT count(pg_advisory_xact_lock(hashtextextended('recompute:' || id, 0))) FROM unnest($1::text[]) AS id)`,
      [[...patientIds].sort()],
    );
  }

  lockPatient(tx: Tx, patientId: string): Promise<void> {
    return this.lockPatients(tx, [patientId]);
  }

  /**
   * The outbox rows pending for the patient and every input of the engine, in one round trip: a recompute
   * runs after nearly every score, and on small machines its cost is mostly the statements it sends.
   * Times come as epoch milliseconds (what a Date holds), so the rows need no per-value parsing.
   * The pending rows are listed, not summed up as "every id up to the highest": ids are handed out at insert
   * but rows commit in any order, so a row below the highest may commit after this read; the recompute marks
   * exactly these rows done, and a later one stays pending.
   */
  async loadSnapshots(tx: Tx, patientIds: readonly string[]): Promise<Map<string, EngineSnapshot>> {
    const rows: Array<{ id: string; pending: string[]; index_knee: IndexKnee; found: boolean; scores: ScoreRow[] | null; interventions: InterventionRow[] | null; visits: VisitRow[] | null }> =
      await tx.query(
        `SELECT k.id::text AS id, ARRAY(SELECT o.id::text FROM outbox o WHERE o.patient_id = k.id AND o.done_at IS NULL ORDER BY o.id) AS pending,
                p.id IS NOT NULL AS found, p.index_knee,
                (SELECT json_agg(json_build_array(s.score, ${ms('s.recorded_at')}, ${ms('s.received_at')}, s.source)) FROM pain_score s WHERE s.patient_id = k.id) AS scores,
                (SELECT json_agg(json_build_array(i.id, i.type, ${ms('i.performed_at')}, ${ms('i.ended_at')}, i.laterality, i.spinal_levels, i.agents, ${ms('i.updated_at')}))
                   FROM intervention i WHERE i.patient_id = k.id) AS interventions,
                (SELECT json_agg(json_build_array(v.id, ${ms('v.occurred_at')}, v.clinic_pain, v.findings, ${ms('v.updated_at')})) FROM visit v WHERE v.patient_id = k.id) AS visits
           FROM unnest($1::uuid[]) AS k(id) LEFT JOIN patient p ON p.id = k.id`,
        [patientIds],
      );
    return new Map(rows.map((row) => [row.id, snapshotOf(row)]));
  }

  async loadSnapshot(tx: Tx, patientId: string): Promise<EngineSnapshot> {
    return (await this.loadSnapshots(tx, [patientId])).get(patientId)!;
  }

  async loadInputs(tx: Tx, patientId: string): Promise<EngineInputs | null> {
    return (await this.loadSnapshot(tx, patientId)).inputs;
  }

  /**
   * Replaces each patient's stored results with these (assessments of deleted interventions go too), marks the
   * outbox rows the computations covered done and writes their audit rows — one statement for the whole batch,
   * for the reason given at loadSnapshots.
   */
  async saveResultsMany(tx: Tx, items: readonly EngineSave[]): Promise<void> {
    if (items.length === 0) return;
    const assessments = items.flatMap(({ patientId, out }) =>
      out.assessments.map((r) => ({ intervention_id: r.interventionId, patient_id: patientId, category: r.category, payload: r, algorithm_version: out.attribution.algorithmVersion, computed_at: out.computedAt })),
    );
    const attributions = items.map(({ patientId, out }) => ({
      patient_id: patientId, classification: out.attribution.classification, probability: out.attribution.probability, payload: out.attribution,
      algorithm_version: out.attribution.algorithmVersion, computed_at: out.computedAt, inputs_up_to: out.inputsUpTo, input_watermark: out.inputWatermark,
      score_count: out.scoreCount, intervention_count: out.interventionCount,
    }));
    await tx.query(
      `WITH gone AS (DELETE FROM response_assessment WHERE patient_id = ANY($1::uuid[]) AND NOT (intervention_id = ANY($2::uuid[]))),
       assessed AS (
         INSERT INTO response_assessment (intervention_id, patient_id, category, payload, algorithm_version, computed_at)
         SELECT r.intervention_id, r.patient_id, r.category, r.payload, r.algorithm_version, r.computed_at
           FROM jsonb_to_recordset($3::jsonb) AS r(intervention_id uuid, patient_id uuid, category text, payload jsonb, algorithm_version text, computed_at timestamptz)
         ON CONFLICT (intervention_id) DO UPDATE
           SET category = EXCLUDED.category, payload = EXCLUDED.payload, algorithm_version = EXCLUDED.algorithm_version, computed_at = EXCLUDED.computed_at),
       attributed AS (
         INSERT INTO attribution (patient_id, classification, probability, payload, algorithm_version, computed_at, inputs_up_to, input_watermark, score_count, intervention_count)
         SELECT r.patient_id, r.classification::attribution_classification, r.probability, r.payload, r.algorithm_version, r.computed_at, r.inputs_up_to, r.input_watermark,
                r.score_count, r.intervention_count
           FROM jsonb_to_recordset($4::jsonb) AS r(patient_id uuid, classification text, probability float8, payload jsonb, algorithm_version text, computed_at timestamptz,
                                                   inputs_up_to timestamptz, input_watermark bigint, score_count integer, intervention_count integer)
         ON CONFLICT (patient_id) DO UPDATE
           SET classification = EXCLUDED.classification, probability = EXCLUDED.probability, payload = EXCLUDED.payload, algorithm_version = EXCLUDED.algorithm_version,
               computed_at = EXCLUDED.computed_at, inputs_up_to = EXCLUDED.inputs_up_to, input_watermark = EXCLUDED.input_watermark,
               score_count = EXCLUDED.score_count, intervention_count = EXCLUDED.intervention_count),
       audited AS (${auditInsertSql(6)})
       UPDATE outbox SET done_at = now(), enqueued_at = coalesce(enqueued_at, now()) WHERE id = ANY($5::bigint[]) AND done_at IS NULL`,
      [
        items.map((i) => i.patientId), assessments.map((r) => r.intervention_id), JSON.stringify(assessments), JSON.stringify(attributions),
        items.flatMap((i) => i.coveredOutboxIds), auditRowsJson(items.flatMap((i) => i.audit)),
      ],
    );
  }

  saveResults(tx: Tx, patientId: string, out: EngineOutputs, coveredOutboxIds: string[] = [], audit: AuditEntry[] = []): Promise<void> {
    return this.saveResultsMany(tx, [{ patientId, out, coveredOutboxIds, audit }]);
  }

  /**
   * The stored attribution with the patient's highest pending outbox row (null when nothing is pending), in one
   * statement: clients poll this while a recompute is pending. Without a stored attribution there is nothing to
   * be fresh, so `pending` is then null too.
   */
  async findAttributionWithPending(patientId: string): Promise<{ stored: AttributionEntity | null; pending: string | null }> {
    const { entities, raw } = await this.db
      .getRepository(AttributionEntity)
      .createQueryBuilder('a')
      .addSelect('(SELECT max(o.id)::text FROM outbox o WHERE o.patient_id = a.patient_id AND o.done_at IS NULL)', 'pending')
      .where('a.patient_id = :patientId', { patientId })
      .getRawAndEntities<{ pending: string | null }>();
    return { stored: entities[0] ?? null, pending: raw[0]?.pending ?? null };
  }

  listAssessments(patientId: string): Promise<ResponseAssessmentEntity[]> {
    return this.db.getRepository(ResponseAssessmentEntity).find({ where: { patientId } });
  }

  findAssessment(patientId: string, interventionId: string): Promise<ResponseAssessmentEntity | null> {
    return this.db.getRepository(ResponseAssessmentEntity).findOneBy({ patientId, interventionId });
  }
}

/** One patient's row of loadSnapshots as the engine's inputs. */
function snapshotOf(row: { pending: string[]; index_knee: IndexKnee; found: boolean; scores: ScoreRow[] | null; interventions: InterventionRow[] | null; visits: VisitRow[] | null }): EngineSnapshot {
  if (!row.found) return { pendingOutboxIds: row.pending, inputs: null };
  const scores = row.scores ?? [];
  const interventions = row.interventions ?? [];
  const visits = row.visits ?? [];
  // A loop, not Math.max(...times): a spread of a very long diary would overflow the call stack.
  let newest = -Infinity;
  for (const s of scores) newest = Math.max(newest, s[2]);
  for (const i of interventions) newest = Math.max(newest, i[7]);
  for (const v of visits) newest = Math.max(newest, v[4]);
  return {
    pendingOutboxIds: row.pending,
    inputs: {
      inputsUpTo: Number.isFinite(newest) ? new Date(newest) : null,
      evidence: {
        indexKnee: row.index_knee,
        scores: scores.map(([score, recordedAt, , source]) => ({ score, recordedAt: new Date(recordedAt), source })),
        interventions: interventions.map(([id, type, performedAt, endedAt, laterality, spinalLevels, agents]) => ({
          id, type, performedAt: new Date(performedAt), endedAt: endedAt === null ? null : new Date(endedAt), laterality, spinalLevels, agents,
        })),
        visits: visits.map(([id, occurredAt, clinicPain, findings]) => ({ id, occurredAt: new Date(occurredAt), clinicPain, findings })),
      },
    },
  };
}

/** A timestamp as epoch milliseconds in JSON; NULL stays null. */
const ms = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)`;

type ScoreRow = [score: number, recordedAt: number, receivedAt: number, source: PainScoreSource];
type InterventionRow = [id: string, type: InterventionType, performedAt: number, endedAt: number | null, laterality: Laterality | null, spinalLevels: string[], agents: string[], updatedAt: number];
type VisitRow = [id: string, occurredAt: number, clinicPain: number | null, findings: VisitFindings, updatedAt: number];
