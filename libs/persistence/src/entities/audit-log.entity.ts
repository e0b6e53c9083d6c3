import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

/**
 * Who did what to which patient's record, and when. Details hold ids and counts, never clinical values.
 * Append-only: rows are inserted unsealed and later chained by the sealer (seq, prev_hash, hash).
 */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ name: 'actor_kind', type: 'text' }) actorKind: string;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'resource_type', type: 'text' }) resourceType: string;
  @Column({ name: 'resource_id', type: 'text', nullable: true }) resourceId: string | null;
  @Column({ name: 'patient_id', type: 'uuid', nullable: true }) patientId: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: AuditDetails;
  // Set once by the sealer (worker), never by an insert; the database refuses any other change (docs/audit-trail.md).
  @Column({ type: 'bigint', nullable: true, insert: false, update: false }) seq: string | null;
  @Column({ name: 'prev_hash', type: 'bytea', nullable: true, insert: false, update: false }) prevHash: Buffer | null;
  @Column({ type: 'bytea', nullable: true, insert: false, update: false }) hash: Buffer | null;
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true, insert: false, update: false }) sealedAt: Date | null;
}
