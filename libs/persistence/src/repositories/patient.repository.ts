import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { PatientEntity } from '../entities';

export interface PatientPageCursor { familyName: string; givenName: string; id: string }

/** What a clinician scans in the patient list: the latest score, the latest intervention, the current answer. */
export interface PatientSummaryRow {
  patientId: string;
  lastScore: number | null;
  lastScoreAt: Date | null;
  lastInterventionAt: Date | null;
  classification: string | null;
  probability: number | null;
  /** Diary questions sent in the last 14 days that got no answer (reminders not counted twice). */
  unansweredPrompts: number;
}

@Injectable()
export class PatientRepository {
  constructor(private readonly db: DataSource) {}

  insert(tx: Tx, patient: Omit<PatientEntity, 'id' | 'createdAt' | 'updatedAt' | 'smsOptedOutAt'>): Promise<PatientEntity> {
    return tx.getRepository(PatientEntity).save(tx.getRepository(PatientEntity).create(patient));
  }

  pseudonymTaken(tx: Tx, pseudonym: string): Promise<boolean> {
    return tx.getRepository(PatientEntity).existsBy({ pseudonym });
  }

  /** The patient when one of the user's care teams holds it; otherwise null, exactly as for an unknown id. */
  findForUser(userId: string, patientId: string, tx: Tx = this.db.manager): Promise<PatientEntity | null> {
    return tx
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .innerJoin('care_team_member', 'm', 'm.care_team_id = p.care_team_id AND m.user_id = :userId', { userId })
      .where('p.id = :patientId', { patientId })
      .getOne();
  }

  async pageForUser(userId: string, opts: { search?: string; limit: number; after?: PatientPageCursor }): Promise<PatientEntity[]> {
    const qb = this.db
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .innerJoin('care_team_member', 'm', 'm.care_team_id = p.care_team_id AND m.user_id = :userId', { userId })
      .orderBy('p.family_name', 'ASC')
      .addOrderBy('p.given_name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(opts.limit);
    if (opts.search) {
      const like = `%${opts.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        `(p.given_name || ' ' || p.family_name ILIKE :like OR p.family_name || ' ' || p.given_name ILIKE :like OR p.mrn ILIKE :like OR p.pseudonym ILIKE :like)`,
        { like },
      );
    }
    if (opts.after) {
      qb.andWhere('(p.family_name, p.given_name, p.id) > (:family, :given, :id)', { family: opts.after.familyName, given: opts.after.givenName, id: opts.after.id });
    }
    return qb.getMany();
  }

  async summaries(patientIds: string[], now: Date): Promise<PatientSummaryRow[]> {
    if (patientIds.length === 0) return [];
    return this.db.query(
      `SELECT p.id AS "patientId", s.score AS "lastScore", s.recorded_at AS "lastScoreAt",
              (SELECT max(i.performed_at) FROM intervention i WHERE i.patient_id = p.id AND i.performed_at <= $2) AS "lastInterventionAt",
              a.classification::text AS classification, a.probability,
              (SELECT count(*)::int FROM sms_prompt q
                WHERE q.patient_id = p.id AND q.kind <> 'reminder' AND q.sent_at > $2::timestamptz - interval '14 days' AND q.answered_at IS NULL) AS "unansweredPrompts"
         FROM patient p
         LEFT JOIN LATERAL (SELECT score, recorded_at FROM pain_score WHERE patient_id = p.id ORDER BY recorded_at DESC LIMIT 1) s ON true
         LEFT JOIN attribution a ON a.patient_id = p.id
        WHERE p.id = ANY($1::uuid[])`,
      [patientIds, now],
    );
  }

  async update(tx: Tx, id: string, changes: Partial<PatientEntity>): Promise<void> {
    await tx.getRepository(PatientEntity).update({ id }, changes);
  }
}
