import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One pain score, timed only as hours from one of the patient's interventions (for the FHIR export). */
@Entity('analytics_observation')
export class AnalyticsObservationEntity {
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @PrimaryColumn({ type: 'integer' }) n: number;
  @Column({ name: 'anchor_sequence', type: 'integer' }) anchorSequence: number;
  @Column({ name: 'offset_hours', type: 'real' }) offsetHours: number;
  @Column({ type: 'smallint' }) score: number;
}
