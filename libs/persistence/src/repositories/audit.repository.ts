import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database';
import { AuditLogEntity, type AuditDetails } from '../entities';

export type AuditEntry = Pick<AuditLogEntity, 'actorUserId' | 'actorKind' | 'action' | 'resourceType' | 'resourceId' | 'patientId' | 'requestId'> & {
  details?: AuditDetails;
};

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  /** Outside any transaction: for reads, which have none of their own. */
  get defaultManager(): Tx {
    return this.db.manager;
  }

  async append(tx: Tx, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.createQueryBuilder().insert().into(AuditLogEntity).values(entries.map((e) => ({ ...e, details: e.details ?? {} }))).updateEntity(false).execute();
  }

  listForPatient(patientId: string): Promise<AuditLogEntity[]> {
    return this.db.getRepository(AuditLogEntity).find({ where: { patientId }, order: { id: 'ASC' } });
  }
}
