import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encryptedColumn } from '../field-cipher';

export const INDEX_KNEES = ['left', 'right', 'bilateral'] as const;
export type IndexKnee = (typeof INDEX_KNEES)[number];

/**
 * The identifying columns, encrypted at rest (AES-256-GCM, see field-cipher.ts) and in clear in the entity.
 * The names double as the additional authenticated data, so a value cannot be moved to another column.
 */
export const PATIENT_ENCRYPTED_COLUMNS = ['given_name', 'family_name', 'birth_date', 'mrn', 'phone'] as const;
export type PatientEncryptedColumn = (typeof PATIENT_ENCRYPTED_COLUMNS)[number];
export const patientAad = (column: PatientEncryptedColumn): string => `patient.${column}`;
const encrypted = (column: PatientEncryptedColumn) => encryptedColumn(patientAad(column));

@Entity('patient')
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) pseudonym: string;
  @Column({ name: 'given_name', type: 'text', transformer: encrypted('given_name') }) givenName: string;
  @Column({ name: 'family_name', type: 'text', transformer: encrypted('family_name') }) familyName: string;
  /** YYYY-MM-DD (encrypted text in the database, so no date type there). */
  @Column({ name: 'birth_date', type: 'text', transformer: encrypted('birth_date') }) birthDate: string;
  @Column({ type: 'text', nullable: true, transformer: encrypted('mrn') }) mrn: string | null;
  @Column({ type: 'text', nullable: true, transformer: encrypted('phone') }) phone: string | null;
  /** Blind indexes (HMAC of the normalised value): how inbound SMS finds a phone and a search finds an MRN. */
  @Column({ name: 'phone_index', type: 'bytea', nullable: true, select: false }) phoneIndex?: Buffer | null;
  @Column({ name: 'mrn_index', type: 'bytea', nullable: true, select: false }) mrnIndex?: Buffer | null;
  @Column({ type: 'text' }) timezone: string;
  @Column({ name: 'index_knee', type: 'enum', enum: INDEX_KNEES, enumName: 'index_knee' }) indexKnee: IndexKnee;
  @Column({ name: 'sms_consent', type: 'boolean' }) smsConsent: boolean;
  @Column({ name: 'sms_opted_out_at', type: 'timestamptz', nullable: true }) smsOptedOutAt: Date | null;
  @Column({ name: 'care_team_id', type: 'uuid' }) careTeamId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
