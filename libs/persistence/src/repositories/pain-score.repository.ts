import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { PainScoreEntity } from '../entities';

export type NewPainScore = Pick<PainScoreEntity, 'patientId' | 'score' | 'recordedAt' | 'source' | 'enteredBy'>;

@Injectable()
export class PainScoreRepository {
  constructor(private readonly db: DataSource) {}

  /** Plain SQL: this is the API's most frequent write, and the ORM's statement building cost more than the insert. */
  async insert(tx: Tx, score: NewPainScore): Promise<PainScoreEntity> {
    const [row]: Array<{ id: string; received_at: Date }> = await tx.query(
      `INSERT INTO pain_score (patient_id, score, recorded_at, source, entered_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, received_at`,
      [score.patientId, score.score, score.recordedAt, score.source, score.enteredBy],
    );
    return { ...score, id: row.id, receivedAt: row.received_at };
  }

  /** One multi-row INSERT per chunk: a 5,000-score import is a handful of round trips, not thousands. */
  async insertMany(tx: Tx, scores: NewPainScore[]): Promise<number> {
    const chunk = 1000;
    for (let i = 0; i < scores.length; i += chunk) {
      await tx.createQueryBuilder().insert().into(PainScoreEntity).values(scores.slice(i, i + chunk)).updateEntity(false).execute();
    }
    return scores.length;
  }

  /**
   * Inserts the scores not already stored (same patient, moment and score), so importing the same file
   * twice stores nothing twice. Returns how many were new.
   */
  async insertNew(tx: Tx, patientId: string, scores: Array<{ score: number; recordedAt: Date }>, enteredBy: string): Promise<number> {
    if (scores.length === 0) return 0;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO pain_score (patient_id, score, recorded_at, source, entered_by)
       SELECT $1, s.score, s.recorded_at, 'import', $4
         FROM (SELECT DISTINCT * FROM unnest($2::smallint[], $3::timestamptz[]) AS u(score, recorded_at)) s
        WHERE NOT EXISTS (SELECT 1 FROM pain_score p WHERE p.patient_id = $1 AND p.recorded_at = s.recorded_at AND p.score = s.score)
       RETURNING 1`,
      [patientId, scores.map((s) => s.score), scores.map((s) => s.recordedAt), enteredBy],
    );
    return inserted.length;
  }

  /** How many of these (moment, score) pairs the patient already has. */
  async countExisting(patientId: string, scores: Array<{ score: number; recordedAt: Date }>, tx: Tx = this.db.manager): Promise<number> {
    if (scores.length === 0) return 0;
    const [row]: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT * FROM unnest($2::smallint[], $3::timestamptz[]) AS u(score, recorded_at)) s
        WHERE EXISTS (SELECT 1 FROM pain_score p WHERE p.patient_id = $1 AND p.recorded_at = s.recorded_at AND p.score = s.score)`,
      [patientId, scores.map((s) => s.score), scores.map((s) => s.recordedAt)],
    );
    return row.n;
  }

  listForPatient(patientId: string, range: { from?: Date; to?: Date } = {}): Promise<PainScoreEntity[]> {
    const qb = this.db.getRepository(PainScoreEntity).createQueryBuilder('s').where('s.patient_id = :patientId', { patientId });
    if (range.from) qb.andWhere('s.recorded_at >= :from', { from: range.from });
    if (range.to) qb.andWhere('s.recorded_at <= :to', { to: range.to });
    return qb.orderBy('s.recorded_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }
}
