import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Patient identifiers encrypted at rest (schema only). given_name, family_name, birth_date, mrn and phone
 * become text holding `v1:<key id>:<iv>:<ciphertext+tag>` (AES-256-GCM, libs/persistence/src/field-cipher.ts),
 * and phone_index / mrn_index hold HMAC blind indexes for look-ups. A migration has no business reading the
 * keys, so rows that exist already stay in clear here: the start-up command (`npm run prepare:db`, which runs
 * this migration) encrypts them right after, then validates the constraint that refuses clear values.
 * The phone format CHECK goes (ciphertext is not E.164; the API validates phones); the pseudonym CHECK stays,
 * pseudonyms are not encrypted.
 */
export class EncryptPatientIdentifiers1764130000000 implements MigrationInterface {
  name = 'EncryptPatientIdentifiers1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patient DROP CONSTRAINT IF EXISTS patient_phone_check`);
    await q.query(`DROP INDEX IF EXISTS patient_phone_idx`);
    await q.query(`DROP INDEX IF EXISTS patient_care_team_idx`);
    await q.query(`ALTER TABLE patient ALTER COLUMN birth_date TYPE text USING to_char(birth_date, 'YYYY-MM-DD')`);
    await q.query(`ALTER TABLE patient
      ADD COLUMN phone_index bytea CONSTRAINT patient_phone_index_length CHECK (length(phone_index) = 32),
      ADD COLUMN mrn_index bytea CONSTRAINT patient_mrn_index_length CHECK (length(mrn_index) = 32)`);
    await q.query(`CREATE INDEX patient_care_team_idx ON patient (care_team_id)`);
    await q.query(`CREATE INDEX patient_phone_index_idx ON patient (phone_index) WHERE phone_index IS NOT NULL`);
    await q.query(`CREATE INDEX patient_mrn_index_idx ON patient (mrn_index) WHERE mrn_index IS NOT NULL`);
    // NOT VALID: enforced on every insert and update from now on; checked for old rows once they are encrypted.
    await q.query(`ALTER TABLE patient ADD CONSTRAINT patient_identifiers_sealed CHECK (
      given_name LIKE 'v1:%' AND family_name LIKE 'v1:%' AND birth_date LIKE 'v1:%'
      AND (mrn IS NULL OR mrn LIKE 'v1:%') AND (phone IS NULL OR phone LIKE 'v1:%')
      AND (phone IS NULL) = (phone_index IS NULL) AND (mrn IS NULL) = (mrn_index IS NULL)) NOT VALID`);
  }

  /** Only possible while no row is encrypted (the keys are not the migration's): decrypting is not a schema change. */
  async down(q: QueryRunner): Promise<void> {
    const [{ n }]: Array<{ n: number }> = await q.query(`SELECT count(*)::int AS n FROM patient WHERE given_name LIKE 'v1:%'`);
    if (n > 0) throw new Error(`cannot revert EncryptPatientIdentifiers1764130000000: ${n} patients hold encrypted identifiers; restore a backup taken before it instead`);
    await q.query(`ALTER TABLE patient DROP CONSTRAINT patient_identifiers_sealed`);
    await q.query(`DROP INDEX patient_mrn_index_idx`);
    await q.query(`DROP INDEX patient_phone_index_idx`);
    await q.query(`DROP INDEX patient_care_team_idx`);
    await q.query(`ALTER TABLE patient DROP COLUMN mrn_index, DROP COLUMN phone_index`);
    await q.query(`ALTER TABLE patient ALTER COLUMN birth_date TYPE date USING birth_date::date`);
    await q.query(`CREATE INDEX patient_care_team_idx ON patient (care_team_id, family_name, given_name)`);
    await q.query(`CREATE INDEX patient_phone_idx ON patient (phone) WHERE phone IS NOT NULL`);
    await q.query(`ALTER TABLE patient ADD CONSTRAINT patient_phone_check CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$')`);
  }
}
