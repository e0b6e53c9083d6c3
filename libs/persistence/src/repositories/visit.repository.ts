import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { VisitEntity } from '../entities';

@Injectable()
export class VisitRepository {
  constructor(private readonly db: DataSource) {}

  insert(tx: Tx, visit: Omit<VisitEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<VisitEntity> {
    return tx.getRepository(VisitEntity).save(tx.getRepository(VisitEntity).create(visit));
  }

  listForPatient(patientId: string): Promise<VisitEntity[]> {
    return this.db.getRepository(VisitEntity).find({ where: { patientId }, order: { occurredAt: 'ASC' } });
  }

  findOne(patientId: string, id: string, tx: Tx = this.db.manager): Promise<VisitEntity | null> {
    return tx.getRepository(VisitEntity).findOneBy({ patientId, id });
  }

  async update(tx: Tx, id: string, changes: Partial<VisitEntity>): Promise<void> {
    await tx.getRepository(VisitEntity).update({ id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.getRepository(VisitEntity).delete({ id });
  }
}
