import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { PainScoreEntity } from '../entities';

export type NewPainScore = Pick<PainScoreEntity, 'patientId' | 'score' | 'recordedAt' | 'source' | 'enteredBy'>;

@Injectable()
export class PainScoreRepository {
  constructor(private readonly db: DataSource) {}

  insert(tx: Tx, score: NewPainScore): Promise<PainScoreEntity> {
    return tx.getRepository(PainScoreEntity).save(tx.getRepository(PainScoreEntity).create(score));
  }

  /** One multi-row INSERT per chunk: a 5,000-score import is a handful of round trips, not thousands. */
  async insertMany(tx: Tx, scores: NewPainScore[]): Promise<number> {
    const chunk = 1000;
    for (let i = 0; i < scores.length; i += chunk) {
      await tx.createQueryBuilder().insert().into(PainScoreEntity).values(scores.slice(i, i + chunk)).updateEntity(false).execute();
    }
    return scores.length;
  }

  listForPatient(patientId: string, range: { from?: Date; to?: Date } = {}): Promise<PainScoreEntity[]> {
    const qb = this.db.getRepository(PainScoreEntity).createQueryBuilder('s').where('s.patient_id = :patientId', { patientId });
    if (range.from) qb.andWhere('s.recorded_at >= :from', { from: range.from });
    if (range.to) qb.andWhere('s.recorded_at <= :to', { to: range.to });
    return qb.orderBy('s.recorded_at', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }
}
