import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Diary prompts a patient was sent and answered at one protocol step of one intervention type. */
@Entity('analytics_sms_step')
export class AnalyticsSmsStepEntity {
  // No natural key (step_minutes is null for baseline prompts); TypeORM needs one, rows are only replaced per patient.
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @PrimaryColumn({ name: 'intervention_type', type: 'text' }) interventionType: string;
  @PrimaryColumn({ type: 'text' }) kind: string;
  @Column({ name: 'step_minutes', type: 'integer', nullable: true }) stepMinutes: number | null;
  @Column({ type: 'integer' }) sent: number;
  @Column({ type: 'integer' }) answered: number;
}
