import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { IdempotencyRecordEntity } from '../entities';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /** Takes a row lock on the key so two concurrent retries wait for each other instead of both inserting. */
  async lockKey(tx: Tx, userId: string, key: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${userId}:${key}`]);
  }

  find(tx: Tx, userId: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return tx.getRepository(IdempotencyRecordEntity).findOneBy({ userId, key });
  }

  async save(tx: Tx, record: Omit<IdempotencyRecordEntity, 'createdAt'>): Promise<void> {
    await tx.getRepository(IdempotencyRecordEntity).insert(record);
  }
}
