import { Injectable } from '@nestjs/common';
import { AuditRepository, type AuditDetails, type AuditEntry, type Tx } from '@app/persistence';
import type { Actor } from './actor';

export interface AuditEvent {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  /** Ids and counts only; never names, phones or scores. */
  details?: AuditDetails;
}

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Writes inside the caller's transaction, so a change and its audit row commit together. */
  record(tx: Tx, actor: Actor, ...events: AuditEvent[]): Promise<void> {
    return this.audit.append(tx, events.map((e) => this.entry(actor, e)));
  }

  /** The same, with the recompute promise of a change to the patient's record (see PatientRecordService). */
  recordChange(tx: Tx, actor: Actor, patientId: string, events: AuditEvent[]): Promise<void> {
    return this.audit.appendWithRecompute(tx, events.map((e) => this.entry(actor, { ...e, patientId })), patientId);
  }

  /** For reads, which have no transaction of their own. */
  recordRead(actor: Actor, ...events: AuditEvent[]): Promise<void> {
    return this.audit.appendOutsideTransaction(events.map((e) => this.entry(actor, e)));
  }

  /** The row an event writes; also for a statement that inserts it along with its change (PainScoreRepository.insertPermitted). */
  entry(actor: Actor, e: AuditEvent): AuditEntry {
    return {
      actorUserId: actor.userId,
      actorKind: actor.role,
      action: e.action,
      resourceType: e.resourceType,
      resourceId: e.resourceId ?? null,
      patientId: e.patientId ?? null,
      requestId: actor.requestId,
      details: e.details,
    };
  }
}
