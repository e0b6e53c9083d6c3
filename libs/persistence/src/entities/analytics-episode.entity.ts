import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One intervention of a patient, with its response read into analyst terms. */
@Entity('analytics_episode')
export class AnalyticsEpisodeEntity {
  @PrimaryColumn({ name: 'intervention_id', type: 'uuid' }) interventionId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ name: 'type_sequence', type: 'integer' }) typeSequence: number;
  @Column({ name: 'intervention_type', type: 'text' }) interventionType: string;
  @Column({ type: 'text' }) target: string;
  @Column({ type: 'boolean' }) diagnostic: boolean;
  @Column({ name: 'day_from_first', type: 'integer' }) dayFromFirst: number;
  @Column({ type: 'boolean' }) assessed: boolean;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'boolean', nullable: true }) favourable: boolean | null;
  @Column({ type: 'real', nullable: true }) baseline: number | null;
  @Column({ name: 'change_pct', type: 'real', nullable: true }) changePct: number | null;
  @Column({ type: 'boolean' }) confounded: boolean;
}
