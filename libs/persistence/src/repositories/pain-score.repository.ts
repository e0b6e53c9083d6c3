import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { PainScoreEntity } from '../entities';
import { groupCommit } from '../group-commit';
import { type AuditEntry, auditInsertSql, auditRowsJson } from './audit.repository';

export type NewPainScore = Pick<PainScoreEntity, 'patientId' | 'score' | 'recordedAt' | 'source' | 'enteredBy'>;

/** A score to store if its patient is in one of `careTeamIds`, with the audit row it writes (`resourceId` = `id`). */
export interface PermittedScoreInsert {
  id: string;
  score: NewPainScore;
  careTeamIds: string[];
  audit: AuditEntry;
}

@Injectable()
export class PainScoreRepository {
  private readonly insertGrouped = groupCommit((items: readonly PermittedScoreInsert[]) => this.insertPermittedNow(items), { maxInFlight: 1, maxBatchSize: 200 });

  constructor(private readonly db: DataSource) {}

  /**
   * The API's single-score write: the care-team check, the score, its audit row and the recompute promise, as one
   * statement shared with whatever other scores arrive meanwhile (group commit). Null when the patient is not in
   * the caller's care teams — nothing is then written for it.
   */
  insertPermitted(item: PermittedScoreInsert): Promise<PainScoreEntity | null> {
    return this.insertGrouped(item);
  }

  private async insertPermittedNow(items: readonly PermittedScoreInsert[]): Promise<Array<PainScoreEntity | null>> {
    const rows: Array<{ id: string; received_at: Date }> = await this.db.query(
      `WITH permitted AS (
         SELECT i.* FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, patient_id uuid, score smallint, recorded_at timestamptz, source pain_score_source, entered_by uuid, care_team_ids uuid[])
          WHERE EXISTS (SELECT 1 FROM patient p WHERE p.id = i.patient_id AND p.care_team_id = ANY(i.care_team_ids))
       ), inserted AS (
         INSERT INTO pain_score (id, patient_id, score, recorded_at, source, entered_by)
         SELECT id, patient_id, score, recorded_at, source, entered_by FROM permitted
         RETURNING id, patient_id, received_at
       ), audited AS (
         ${auditInsertSql(2)} WHERE r.resource_id IN (SELECT id::text FROM inserted)
       ), promised AS (
         INSERT INTO outbox (kind, patient_id) SELECT DISTINCT 'recompute', patient_id FROM inserted
       )
       SELECT id::text, received_at FROM inserted`,
      [
        JSON.stringify(items.map((i) => ({
          id: i.id, patient_id: i.score.patientId, score: i.score.score, recorded_at: i.score.recordedAt, source: i.score.source, entered_by: i.score.enteredBy, care_team_ids: i.careTeamIds,
        }))),
        auditRowsJson(items.map((i) => i.audit)),
      ],
    );
    const receivedAt = new Map(rows.map((r) => [r.id, r.received_at]));
    return items.map((i) => {
      const received = receivedAt.get(i.id);
      return received ? { ...i.score, id: i.id, receivedAt: received } : null;
    });
  }

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
