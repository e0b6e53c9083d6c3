import { INTERVENTION_TYPES, LATERALITIES, TARGETS, type InterventionType, type Laterality, type Target } from '@app/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('intervention')
export class InterventionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ type: 'enum', enum: INTERVENTION_TYPES, enumName: 'intervention_type' }) type: InterventionType;
  @Column({ type: 'enum', enum: TARGETS, enumName: 'intervention_target' }) target: Target;
  @Column({ name: 'performed_at', type: 'timestamptz' }) performedAt: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'enum', enum: LATERALITIES, enumName: 'laterality', nullable: true }) laterality: Laterality | null;
  @Column({ name: 'spinal_levels', type: 'text', array: true, default: () => "'{}'" }) spinalLevels: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) agents: string[];
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
