import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SMS_PROMPT_KINDS = ['baseline', 'follow_up', 'reminder'] as const;
export type SmsPromptKindColumn = (typeof SMS_PROMPT_KINDS)[number];

/**
 * Sending state of one outbound message: pending → queued (a send job exists) → sending → sent | failed.
 * 'unknown': the worker died between handing it to the provider and recording the outcome, so it is NOT
 * re-sent (a duplicate text is worse than a missing one). 'skipped': not sent on purpose (opted out,
 * superseded by a later prompt); 'cancelled': its intervention was moved or deleted.
 */
export const SMS_PROMPT_STATUSES = ['pending', 'queued', 'sending', 'sent', 'failed', 'unknown', 'skipped', 'cancelled'] as const;
export type SmsPromptStatus = (typeof SMS_PROMPT_STATUSES)[number];

/** One scheduled diary question (or its reminder), its link's token hash, its delivery and its answer. */
@Entity('sms_prompt')
export class SmsPromptEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'intervention_id', type: 'uuid', nullable: true }) interventionId: string | null;
  @Column({ type: 'text' }) kind: SmsPromptKindColumn;
  /** For a reminder: the prompt it reminds of (the answer is stored there). */
  @Column({ name: 'reminder_of', type: 'uuid', nullable: true }) reminderOf: string | null;
  @Column({ name: 'offset_minutes', type: 'integer', nullable: true }) offsetMinutes: number | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'time_critical', type: 'boolean', default: false }) timeCritical: boolean;
  @Column({ type: 'enum', enum: SMS_PROMPT_STATUSES, enumName: 'sms_prompt_status', default: 'pending' }) status: SmsPromptStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'smallint', default: 0 }) attempts: number;
  /** sha256 of the link token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'bytea', nullable: true }) tokenHash: Buffer | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true }) queuedAt: Date | null;
  @Column({ name: 'sending_at', type: 'timestamptz', nullable: true }) sendingAt: Date | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ type: 'text', nullable: true }) provider: string | null;
  @Column({ name: 'provider_message_id', type: 'text', nullable: true }) providerMessageId: string | null;
  @Column({ name: 'delivery_status', type: 'text', nullable: true }) deliveryStatus: string | null;
  @Column({ name: 'delivery_rank', type: 'smallint', default: 0 }) deliveryRank: number;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  @Column({ name: 'pain_score_id', type: 'uuid', nullable: true }) painScoreId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
