import { PAIN_SCORE_SOURCES, type PainScoreSource } from '@app/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('pain_score')
export class PainScoreEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'smallint' }) score: number;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt: Date;
  @Column({ type: 'enum', enum: PAIN_SCORE_SOURCES, enumName: 'pain_score_source' }) source: PainScoreSource;
  @Column({ name: 'entered_by', type: 'uuid', nullable: true }) enteredBy: string | null;
}
