import { Injectable } from '@nestjs/common';
import { TransactionRunner, type Tx } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService, type AuditEvent } from '../common/audit.service';
import { PatientAccessService } from './patient-access.service';

type PatientAuditEvent = Omit<AuditEvent, 'patientId'>;
type ChangeWork<T> = (tx: Tx) => Promise<{ result: T; audit: PatientAuditEvent[] }>;

/**
 * Every read and change of a patient's clinical record goes through here: the care-team check first,
 * then the work, its audit rows and (for changes) the recompute promise — all in one transaction.
 */
@Injectable()
export class PatientRecordService {
  constructor(
    private readonly access: PatientAccessService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  change<T>(actor: Actor, patientId: string, work: ChangeWork<T>): Promise<T> {
    return this.tx.run((tx) => this.changeWithin(tx, actor, patientId, work));
  }

  /** The same, inside a transaction the caller already holds (e.g. with an idempotency record). */
  async changeWithin<T>(tx: Tx, actor: Actor, patientId: string, work: ChangeWork<T>): Promise<T> {
    await this.access.check(actor, patientId, tx);
    const { result, audit } = await work(tx);
    await this.audit.recordChange(tx, actor, patientId, audit);
    return result;
  }

  async read<T>(actor: Actor, patientId: string, event: PatientAuditEvent, work: () => Promise<T>): Promise<T> {
    await this.access.check(actor, patientId);
    const result = await work();
    await this.audit.recordRead(actor, { ...event, patientId });
    return result;
  }
}
