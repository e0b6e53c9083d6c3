import { Injectable } from '@nestjs/common';
import { OutboxRepository, TransactionRunner, type PatientEntity, type Tx } from '@app/persistence';
import type { Actor } from '../common/actor';
import { AuditService, type AuditEvent } from '../common/audit.service';
import { PatientAccessService } from './patient-access.service';

type PatientAuditEvent = Omit<AuditEvent, 'patientId'>;
type ChangeWork<T> = (tx: Tx, patient: PatientEntity) => Promise<{ result: T; audit: PatientAuditEvent[] }>;

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
    private readonly outbox: OutboxRepository,
  ) {}

  change<T>(actor: Actor, patientId: string, work: ChangeWork<T>): Promise<T> {
    return this.tx.run((tx) => this.changeWithin(tx, actor, patientId, work));
  }

  /** The same, inside a transaction the caller already holds (e.g. with an idempotency record). */
  async changeWithin<T>(tx: Tx, actor: Actor, patientId: string, work: ChangeWork<T>): Promise<T> {
    const patient = await this.access.require(actor, patientId, tx);
    const { result, audit } = await work(tx, patient);
    await this.audit.record(tx, actor, ...audit.map((e) => ({ ...e, patientId })));
    await this.outbox.add(tx, 'recompute', patientId);
    return result;
  }

  async read<T>(actor: Actor, patientId: string, event: PatientAuditEvent, work: (patient: PatientEntity) => Promise<T>): Promise<T> {
    const patient = await this.access.require(actor, patientId);
    const result = await work(patient);
    await this.audit.recordRead(actor, { ...event, patientId });
    return result;
  }
}
