import type { Attribution, SourceClassification } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('attribution')
export class AttributionEntity {
  @PrimaryColumn({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'enum', enum: ['knee', 'spine', 'mixed', 'neither', 'inconclusive'], enumName: 'attribution_classification' }) classification: SourceClassification;
  @Column({ type: 'double precision' }) probability: number;
  @Column({ type: 'jsonb' }) payload: Attribution;
  @Column({ name: 'algorithm_version', type: 'text' }) algorithmVersion: string;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
  /** The newest input (score received, record changed) the computation saw. */
  @Column({ name: 'inputs_up_to', type: 'timestamptz', nullable: true }) inputsUpTo: Date | null;
  /** The highest outbox id it covered: rows above it are changes it has not seen yet. */
  @Column({ name: 'input_watermark', type: 'bigint' }) inputWatermark: string;
  @Column({ name: 'score_count', type: 'integer' }) scoreCount: number;
  @Column({ name: 'intervention_count', type: 'integer' }) interventionCount: number;
}
