import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Work promised in the same transaction as the data it concerns; the worker relays it to BullMQ. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'patient_id', type: 'uuid', nullable: true }) patientId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true }) enqueuedAt: Date | null;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt: Date | null;
}
