import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A patient's mean pain on one day relative to one intervention (the trajectory's unit). */
@Entity('analytics_episode_day')
export class AnalyticsEpisodeDayEntity {
  @PrimaryColumn({ name: 'intervention_id', type: 'uuid' }) interventionId: string;
  @PrimaryColumn({ type: 'smallint' }) day: number;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'mean_pain', type: 'real' }) meanPain: number;
  @Column({ type: 'integer' }) scores: number;
}
