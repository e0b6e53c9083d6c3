import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { InterventionEntity } from '../entities';

@Injectable()
export class InterventionRepository {
  constructor(private readonly db: DataSource) {}

  insert(tx: Tx, intervention: Omit<InterventionEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<InterventionEntity> {
    return tx.getRepository(InterventionEntity).save(tx.getRepository(InterventionEntity).create(intervention));
  }

  listForPatient(patientId: string): Promise<InterventionEntity[]> {
    return this.db.getRepository(InterventionEntity).find({ where: { patientId }, order: { performedAt: 'ASC' } });
  }

  findOne(patientId: string, id: string, tx: Tx = this.db.manager): Promise<InterventionEntity | null> {
    return tx.getRepository(InterventionEntity).findOneBy({ patientId, id });
  }

  async update(tx: Tx, id: string, changes: Partial<InterventionEntity>): Promise<void> {
    await tx.getRepository(InterventionEntity).update({ id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.getRepository(InterventionEntity).delete({ id });
  }
}
