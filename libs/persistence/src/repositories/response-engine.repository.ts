import { Injectable } from '@nestjs/common';
import type { Attribution, PainScoreSource, PatientEvidenceInput, ResponseAssessment } from '@app/domain';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { AttributionEntity, InterventionEntity, PatientEntity, ResponseAssessmentEntity, VisitEntity } from '../entities';

export interface EngineInputs {
  evidence: PatientEvidenceInput;
  /** The newest moment any input changed: a score received, an intervention or visit edited. */
  inputsUpTo: Date | null;
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

@Injectable()
export class ResponseEngineRepository {
  constructor(private readonly db: DataSource) {}

  /** Serialises recomputes of one patient across workers; released when the transaction ends. */
  async lockPatient(tx: Tx, patientId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('recompute:' || $1, 0))`, [patientId]);
  }

  async loadInputs(tx: Tx, patientId: string): Promise<EngineInputs | null> {
    const patient = await tx.getRepository(PatientEntity).findOne({ where: { id: patientId }, select: { id: true, indexKnee: true } });
    if (!patient) return null;
    const scores: Array<{ score: number; recorded_at: Date; received_at: Date; source: PainScoreSource }> = await tx.query(
      `SELECT score, recorded_at, received_at, source FROM pain_score WHERE patient_id = $1`,
      [patientId],
    );
    const interventions = await tx.getRepository(InterventionEntity).findBy({ patientId });
    const visits = await tx.getRepository(VisitEntity).findBy({ patientId });
    // A loop, not Math.max(...times): a spread of a very long diary would overflow the call stack.
    let newest = -Infinity;
    for (const d of [...scores.map((s) => s.received_at), ...interventions.map((i) => i.updatedAt), ...visits.map((v) => v.updatedAt)]) newest = Math.max(newest, d.getTime());
    return {
      inputsUpTo: Number.isFinite(newest) ? new Date(newest) : null,
      evidence: {
        indexKnee: patient.indexKnee,
        scores: scores.map((s) => ({ score: s.score, recordedAt: s.recorded_at, source: s.source })),
        interventions: interventions.map((i) => ({
          id: i.id, type: i.type, performedAt: i.performedAt, endedAt: i.endedAt, laterality: i.laterality, spinalLevels: i.spinalLevels, agents: i.agents,
        })),
        visits: visits.map((v) => ({ id: v.id, occurredAt: v.occurredAt, clinicPain: v.clinicPain, findings: v.findings })),
      },
    };
  }

  /** Replaces the patient's stored results with these: assessments of deleted interventions go too. */
  async saveResults(tx: Tx, patientId: string, out: EngineOutputs): Promise<void> {
    const ids = out.assessments.map((a) => a.interventionId);
    await tx.query(`DELETE FROM response_assessment WHERE patient_id = $1 AND NOT (intervention_id = ANY($2::uuid[]))`, [patientId, ids]);
    if (out.assessments.length > 0) {
      await tx.getRepository(ResponseAssessmentEntity).upsert(
        out.assessments.map((a) => ({
          interventionId: a.interventionId, patientId, category: a.category, payload: a as never, algorithmVersion: out.attribution.algorithmVersion, computedAt: out.computedAt,
        })),
        ['interventionId'],
      );
    }
    await tx.getRepository(AttributionEntity).upsert(
      {
        patientId, classification: out.attribution.classification, probability: out.attribution.probability, payload: out.attribution as never,
        algorithmVersion: out.attribution.algorithmVersion, computedAt: out.computedAt, inputsUpTo: out.inputsUpTo, inputWatermark: out.inputWatermark,
        scoreCount: out.scoreCount, interventionCount: out.interventionCount,
      },
      ['patientId'],
    );
  }

  findAttribution(patientId: string): Promise<AttributionEntity | null> {
    return this.db.getRepository(AttributionEntity).findOneBy({ patientId });
  }

  listAssessments(patientId: string): Promise<ResponseAssessmentEntity[]> {
    return this.db.getRepository(ResponseAssessmentEntity).find({ where: { patientId } });
  }

  findAssessment(patientId: string, interventionId: string): Promise<ResponseAssessmentEntity | null> {
    return this.db.getRepository(ResponseAssessmentEntity).findOneBy({ patientId, interventionId });
  }
}
