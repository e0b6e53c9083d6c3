import type { ResponseAssessment } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('response_assessment')
export class ResponseAssessmentEntity {
  @PrimaryColumn({ name: 'intervention_id', type: 'uuid' }) interventionId: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'jsonb' }) payload: ResponseAssessment;
  @Column({ name: 'algorithm_version', type: 'text' }) algorithmVersion: string;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
}
