import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { OutboxEntity } from '../entities';

export type OutboxKind = 'recompute';

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  async add(tx: Tx, kind: OutboxKind, patientId: string): Promise<void> {
    await tx.getRepository(OutboxEntity).insert({ kind, patientId });
  }

  listForPatient(patientId: string): Promise<OutboxEntity[]> {
    return this.db.getRepository(OutboxEntity).find({ where: { patientId }, order: { id: 'ASC' } });
  }
}
