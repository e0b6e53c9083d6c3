import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INDEX_KNEES = ['left', 'right', 'bilateral'] as const;
export type IndexKnee = (typeof INDEX_KNEES)[number];

@Entity('patient')
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) pseudonym: string;
  @Column({ name: 'given_name', type: 'text' }) givenName: string;
  @Column({ name: 'family_name', type: 'text' }) familyName: string;
  @Column({ name: 'birth_date', type: 'date' }) birthDate: string;
  @Column({ type: 'text', nullable: true }) mrn: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text' }) timezone: string;
  @Column({ name: 'index_knee', type: 'enum', enum: INDEX_KNEES, enumName: 'index_knee' }) indexKnee: IndexKnee;
  @Column({ name: 'sms_consent', type: 'boolean' }) smsConsent: boolean;
  @Column({ name: 'sms_opted_out_at', type: 'timestamptz', nullable: true }) smsOptedOutAt: Date | null;
  @Column({ name: 'care_team_id', type: 'uuid' }) careTeamId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
