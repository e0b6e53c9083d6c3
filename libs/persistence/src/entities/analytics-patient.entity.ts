import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One patient as analysts may know them: pseudonym and cohort dimensions; the month is for filters only. */
@Entity('analytics_patient')
export class AnalyticsPatientEntity {
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'text' }) pseudonym: string;
  @Column({ name: 'enrolled_month', type: 'date' }) enrolledMonth: string;
  @Column({ type: 'text', nullable: true }) classification: string | null;
  @Column({ name: 'clinical_lean', type: 'text', nullable: true }) clinicalLean: string | null;
  @Column({ name: 'picture_agrees', type: 'boolean', nullable: true }) pictureAgrees: boolean | null;
  /** The attribution computed_at these facts were derived from (their provenance; staleness is the analytics_stale mark). */
  @Column({ name: 'source_computed_at', type: 'timestamptz' }) sourceComputedAt: Date;
  @Column({ name: 'refreshed_at', type: 'timestamptz' }) refreshedAt: Date;
}
